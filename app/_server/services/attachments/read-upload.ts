/**
 * Reads an upload body up to `maxBytes`. Stops reading (and cancels the stream) as soon as the
 * body passes the limit, so an oversized upload is never held in memory whole — a declared
 * content-length can be absent (chunked) or wrong, so the bytes themselves are counted.
 */
export async function readUpload(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ ok: true; data: Buffer } | { ok: false }> {
  if (!body) return { ok: true, data: Buffer.alloc(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, data: Buffer.concat(chunks, size) };
}

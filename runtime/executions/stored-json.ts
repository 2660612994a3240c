/**
 * How values are kept in jsonb columns: binary data as a summary (type and size — the bytes
 * themselves live in bytea columns where they matter), and anything over the size limit as a
 * truncated preview with its full size, so one huge result never bloats the tables.
 */
export const STORED_JSON_LIMIT = Number(process.env.JUNCTION_MAX_STORED_RESULT_KB ?? 256) * 1024;

export interface BinarySummary {
  $binary: { size: number; contentType?: string };
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $binary: { size: value.byteLength } } satisfies BinarySummary;
  if (value instanceof ArrayBuffer) return { $binary: { size: value.byteLength } } satisfies BinarySummary;
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** A JSON text for a jsonb column (never larger than the limit), or null for undefined. */
export function toStoredJson(value: unknown, limit = STORED_JSON_LIMIT): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(value, replacer) ?? "null";
  } catch (err) {
    text = JSON.stringify({ $unserializable: (err as Error).message });
  }
  if (text.length <= limit) return text;
  return JSON.stringify({ $truncated: { size: text.length, preview: text.slice(0, Math.min(limit, 4096)) } });
}

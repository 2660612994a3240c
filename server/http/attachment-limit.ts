/** The largest attachment accepted: JUNCTION_MAX_ATTACHMENT_MB (default 10). */
export function maxAttachmentBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.JUNCTION_MAX_ATTACHMENT_MB || 10);
  if (!Number.isFinite(mb) || mb <= 0)
    throw new Error(`JUNCTION_MAX_ATTACHMENT_MB must be a positive number, got "${env.JUNCTION_MAX_ATTACHMENT_MB}"`);
  return Math.floor(mb * 1024 * 1024);
}

export const tooLargeMessage = (maxBytes: number) =>
  `The file is larger than the ${+(maxBytes / 1024 / 1024).toFixed(2)} MB attachment limit (JUNCTION_MAX_ATTACHMENT_MB)`;

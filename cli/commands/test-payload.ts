/**
 * `integrations:test --payload <file> [--content-type <type>]`: a JSON body, or any file sent as
 * bytes with its content type (a PDF, an image, a CSV) — as a caller would post it to the webhook.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { CliError } from "../errors";

const TYPES: Record<string, string> = {
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".xml": "application/xml",
  ".zip": "application/zip",
};

const isJson = (type: string) => /^application\/([\w.+-]+\+)?json\b/i.test(type);

export type TestPayload = { body: unknown } | { binary: { contentType: string; base64: string } };

export function readTestPayload(path: string, contentType?: string): TestPayload {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `${path}: no such file` : `cannot read ${path}: ${(err as Error).message}`);
  }
  const type = contentType ?? TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
  if (!isJson(type)) return { binary: { contentType: type, base64: bytes.toString("base64") } };
  try {
    return { body: JSON.parse(bytes.toString("utf8")) };
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message}); give --content-type to send it as another type`);
  }
}

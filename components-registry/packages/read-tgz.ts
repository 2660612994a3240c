/**
 * Unpacks a gzipped tarball (`npm pack` output) into a folder. Only regular files and folders are
 * written, and only inside the target: links and paths that climb out are skipped.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { gunzipSync } from "node:zlib";

export function extractTgz(tgz: Uint8Array, into: string, maxBytes: number): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new Error(`not a readable .tgz (${(err as Error).message})`, { cause: err });
  }
  let longName: string | undefined;
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "x") {
      paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1];
      continue;
    }
    const prefix = field(345, 155);
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = paxPath = undefined;
    const target = normalize(join(/*turbopackIgnore: true*/ into, name));
    if (!target.startsWith(into + sep)) continue;
    if (type === "5") mkdirSync(target, { recursive: true });
    else if (type === "0" || type === "7") {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body);
    }
  }
}

/** The guest script (./guest), bundled once per process for every isolate to compile. */
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";

export const GUEST_FILENAME = "junction:sandbox";

let source: string | undefined;

export function guestScriptSource(): string {
  source ??= buildSync({
    entryPoints: [fileURLToPath(new URL("./guest/index.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  }).outputFiles[0].text;
  return source;
}

/** The guest script (./guest), bundled once per process for every isolate to compile. */
import { buildSync } from "esbuild";
import { registryPath } from "../paths";

export const GUEST_FILENAME = "junction:sandbox";

let source: string | undefined;

export function guestScriptSource(): string {
  source ??= buildSync({
    entryPoints: [registryPath("sandbox/guest/index.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  }).outputFiles[0].text;
  return source;
}

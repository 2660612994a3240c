/** Writes a component package into a temporary folder, for tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface TempPackage {
  dir: string;
  remove(): void;
}

/** `source` becomes src/index.ts; `files` adds or overrides any other file (null: leave it out) */
export function tempPackage(
  source: string,
  options: { name?: string; version?: string; files?: Record<string, string | null> } = {},
): TempPackage {
  const dir = mkdtempSync(join(tmpdir(), "junction-test-pkg-"));
  const files: Record<string, string | null> = {
    "package.json": JSON.stringify({ name: options.name ?? "test-component", version: options.version ?? "1.0.0" }),
    "src/index.ts": source,
    ...options.files,
  };
  for (const [path, text] of Object.entries(files)) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or the ones named on the command line) in turn.
 * Each bench module exports `default async function (): Promise<void>` and prints its own table.
 */
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = false;
for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}\n`);
  try {
    const mod = await import(pathToFileURL(join(here, file)).href);
    await mod.default();
  } catch (err) {
    failed = true;
    console.error(`${file} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);

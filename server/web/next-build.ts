/**
 * `npm start` builds the Next.js app only when the sources changed since the last build: a hash of
 * every source file the app bundles, stored beside the build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const SOURCE_ROOTS = [
  "app",
  "server",
  "instrumentation.ts",
  "runtime",
  "components-registry",
  "db",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", "dist", "migrations"]);

function sourceHash(root: string): string {
  const h = createHash("sha256");
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!SKIP.has(entry) && !entry.startsWith(".next") && !entry.endsWith(".test.ts")) walk(join(path, entry));
      }
    } else {
      h.update(relative(root, path)).update(String(st.size)).update(readFileSync(path));
    }
  };
  for (const r of SOURCE_ROOTS) walk(join(root, r));
  return h.digest("hex");
}

export function ensureNextBuild(root: string, log: (m: string) => void): void {
  const dist = join(root, process.env.JUNCTION_NEXT_DIST_DIR ?? ".next");
  const stamp = join(dist, "junction-source-hash");
  const hash = sourceHash(root);
  if (existsSync(join(dist, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  log("building the web app (next build); this happens once after each change…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  writeFileSync(stamp, hash);
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

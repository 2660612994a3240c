/**
 * Installs or refreshes every built-in component package (components-registry/builtins/*) through
 * the same bundling and manifest reading as any package. Called at start: a version whose bundle
 * is already stored with the same sha is skipped without touching the sandbox, and bundles are
 * cached by a fingerprint of their sources, the lockfile and esbuild's version — in the process,
 * and on disk under JUNCTION_HOME (bundling all of them took ~6 s of every process start).
 * A built-in whose code changed without a version bump has its stored version replaced.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { version as esbuildVersion } from "esbuild";
import type { Db } from "@/db/client";
import { junctionHome } from "@/db/home";
import { componentVersions } from "@/db/schema";
import { bundleSource } from "../packages/prepare-package";
import { readManifest } from "../packages/read-manifest";
import { parseSemver } from "../packages/semver";
import { limitsFromEnv } from "../sandbox/limits";
import { registryPath } from "../paths";
import { saveComponentVersion, upsertPackage } from "./install-component";

const BUILTINS_DIR = registryPath("builtins");
const SDK_DIR = registryPath("sdk");

export interface BuiltinsReport {
  installed: string[];
  updated: string[];
  unchanged: string[];
}

export function builtinPackageDirs(): string[] {
  return readdirSync(BUILTINS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(BUILTINS_DIR, d.name, "package.json")))
    .map((d) => join(BUILTINS_DIR, d.name))
    .sort();
}

type Bundled = Awaited<ReturnType<typeof bundleSource>>;
const bundled = new Map<string, Promise<Bundled>>();

export async function installBuiltins(db: Db, dirs = builtinPackageDirs()): Promise<BuiltinsReport> {
  const packages = await Promise.all(dirs.map(bundleCached));
  const stored = await db
    .select({ sha256: componentVersions.bundleSha256, version: componentVersions.version })
    .from(componentVersions)
    .where(
      inArray(
        componentVersions.bundleSha256,
        packages.map((p) => p.sha256),
      ),
    );
  const report: BuiltinsReport = { installed: [], updated: [], unchanged: [] };
  for (const p of packages) {
    const label = `${p.pkg.name}@${p.pkg.version}`;
    if (stored.some((s) => s.sha256 === p.sha256 && s.version === p.pkg.version)) {
      report.unchanged.push(label);
      continue;
    }
    const manifest = await readManifest(p.bundle, p.pkg.version, `${label}.js`, limitsFromEnv());
    const result = await db.transaction(async (tx): Promise<"installed" | "updated"> => {
      // the web and worker processes may both start at once: one at a time, the second updates
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('junction.installBuiltins'))`);
      const packageId = await upsertPackage(tx, manifest, true);
      const replaced = await tx
        .update(componentVersions)
        .set({ manifest, bundle: p.bundle, bundleSha256: p.sha256, size: p.size, major: parseSemver(manifest.version)!.major })
        .where(and(eq(componentVersions.packageId, packageId), eq(componentVersions.version, manifest.version)))
        .returning({ id: componentVersions.id });
      if (replaced.length > 0) return "updated";
      await saveComponentVersion(tx, { ...p, manifest }, { builtIn: true });
      return "installed";
    });
    report[result].push(`${manifest.key}@${manifest.version}`);
  }
  return report;
}

function bundleCached(dir: string): Promise<Bundled> {
  const key = fingerprint([dir, SDK_DIR], [registryPath("../package-lock.json"), esbuildVersion]);
  let b = bundled.get(key);
  if (!b) {
    b = fromDisk(key) ?? bundleSource({ path: dir }).then((fresh) => toDisk(key, fresh));
    bundled.set(key, b);
    b.catch(() => bundled.delete(key));
  }
  return b;
}

const diskFile = (key: string) => join(junctionHome(), "cache", "builtins", `${key}.json`);

function fromDisk(key: string): Promise<Bundled> | undefined {
  try {
    const cached = JSON.parse(readFileSync(diskFile(key), "utf8")) as Bundled;
    // a damaged file is bundled again
    return createHash("sha256").update(cached.bundle).digest("hex") === cached.sha256 ? Promise.resolve(cached) : undefined;
  } catch {
    return undefined;
  }
}

function toDisk(key: string, fresh: Bundled): Bundled {
  try {
    const file = diskFile(key);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(fresh));
    renameSync(`${file}.${process.pid}`, file); // whole or not at all, with processes starting at once
  } catch (err) {
    console.error(`[builtins] could not keep the bundle in ${junctionHome()}: ${(err as Error).message}`);
  }
  return fresh;
}

/** a hash of the folders' files (tests and build output aside), the files' and the other inputs */
function fingerprint(dirs: string[], inputs: string[]): string {
  const h = createHash("sha256");
  for (const input of inputs) h.update(existsSync(input) ? readFileSync(input) : input);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === "node_modules" || e.name === "dist" || e.name.endsWith(".test.ts")) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else h.update(path).update(readFileSync(path));
    }
  };
  dirs.forEach(walk);
  return h.digest("hex");
}

/**
 * Installs one component version: bundle, read the manifest in a sandbox, store both. A version
 * already installed under the same key is refused; other versions stay side by side.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import type { ComponentManifest } from "../contract";
import type { PackageSource } from "../packages/package-source";
import { preparePackage, type PrepareOptions, type PreparedPackage } from "../packages/prepare-package";
import { RegistryError } from "../packages/registry-error";
import { parseSemver } from "../packages/semver";

/** a database or an open transaction */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface InstallOptions extends PrepareOptions {
  /** user id, for the record */
  installedBy?: string;
  builtIn?: boolean;
}

export interface InstalledVersion {
  id: string;
  key: string;
  version: string;
  sha256: string;
  size: number;
  manifest: ComponentManifest;
}

export async function installComponent(db: Db, source: PackageSource, options: InstallOptions = {}): Promise<InstalledVersion> {
  const prepared = await preparePackage(source, options);
  return saveComponentVersion(db, prepared, options);
}

/** stores a prepared package as a new version (creating or refreshing its package row) */
export async function saveComponentVersion(
  db: DbOrTx,
  prepared: PreparedPackage,
  options: Pick<InstallOptions, "installedBy" | "builtIn"> = {},
): Promise<InstalledVersion> {
  const { manifest } = prepared;
  const unstorable = unstorableIn(manifest, "");
  if (unstorable)
    throw new RegistryError(
      "invalid-manifest",
      `The component's ${unstorable.path || "manifest"} holds ${unstorable.what}, which cannot be stored`,
    );
  try {
    return await db.transaction(async (tx) => {
      const packageId = await upsertPackage(tx, manifest, options.builtIn ?? false);
      const [row] = await tx
        .insert(componentVersions)
        .values({
          packageId,
          version: manifest.version,
          major: parseSemver(manifest.version)!.major,
          manifest,
          bundle: prepared.bundle,
          bundleSha256: prepared.sha256,
          size: prepared.size,
          installedBy: options.installedBy,
        })
        .returning({ id: componentVersions.id });
      return { id: row.id, key: manifest.key, version: manifest.version, sha256: prepared.sha256, size: prepared.size, manifest };
    });
  } catch (err) {
    if (uniqueViolation(err)) throw await alreadyInstalled(db, manifest, prepared.sha256);
    throw err;
  }
}

/** a version never changes once installed: the refusal shows both checksums, so a changed package is told apart from a repeated one */
async function alreadyInstalled(db: DbOrTx, manifest: ComponentManifest, sha256: string): Promise<RegistryError> {
  const [existing] = await db
    .select({ sha256: componentVersions.bundleSha256 })
    .from(componentVersions)
    .innerJoin(componentPackages, eq(componentPackages.id, componentVersions.packageId))
    .where(and(eq(componentPackages.key, manifest.key), eq(componentVersions.version, manifest.version)));
  const label = `${manifest.key}@${manifest.version}`;
  if (!existing) return new RegistryError("duplicate", `${label} is already installed`);
  return new RegistryError(
    "duplicate",
    existing.sha256 === sha256
      ? `${label} is already installed with the same contents (sha256 ${existing.sha256})`
      : `${label} is already installed with sha256 ${existing.sha256}; this package's is ${sha256}. An installed version never changes: give the package a new version`,
  );
}

/** what PostgreSQL refuses in text and jsonb: NUL, and UTF-16 halves without their other half */
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorableString(text: string): string | null {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return null;
  return found === "\u0000" ? "a NUL character (\\u0000)" : `an unpaired surrogate (\\u${found.charCodeAt(0).toString(16)})`;
}

/** the first string (value or key) the database would refuse, with its path, or null */
function unstorableIn(value: unknown, path: string): { path: string; what: string } | null {
  if (typeof value === "string") {
    const what = unstorableString(value);
    return what ? { path, what } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    const inKey = unstorableString(k);
    if (inKey) return { path: `key of ${at}`, what: inKey };
    const found = unstorableIn(v, at);
    if (found) return found;
  }
  return null;
}

/** the package row carries the most recently installed version's label and description */
export async function upsertPackage(db: DbOrTx, manifest: ComponentManifest, builtIn: boolean): Promise<string> {
  const values = {
    key: manifest.key,
    label: manifest.label,
    description: manifest.description ?? "",
    category: manifest.category ?? null,
    builtIn,
  };
  const [row] = await db
    .insert(componentPackages)
    .values(values)
    .onConflictDoUpdate({
      target: componentPackages.key,
      set: { label: values.label, description: values.description, category: values.category },
    })
    .returning({ id: componentPackages.id, builtIn: componentPackages.builtIn });
  if (builtIn && !row.builtIn) {
    throw new RegistryError("duplicate", `A package installed by a user already has the built-in key "${manifest.key}"`);
  }
  if (!builtIn && row.builtIn) {
    throw new RegistryError("built-in", `"${manifest.key}" is a built-in component's key; choose another key`);
  }
  return row.id;
}

function uniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}

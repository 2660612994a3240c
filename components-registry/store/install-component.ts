/**
 * Installs one component version: bundle, read the manifest in a sandbox, store both. A version
 * already installed under the same key is refused; other versions stay side by side.
 */
import type { Db } from "../../db/client";
import { componentPackages, componentVersions } from "../../db/schema";
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
    if (uniqueViolation(err)) {
      throw new RegistryError("duplicate", `${manifest.key}@${manifest.version} is already installed`);
    }
    throw err;
  }
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
    .onConflictDoUpdate({ target: componentPackages.key, set: { label: values.label, description: values.description, category: values.category } })
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

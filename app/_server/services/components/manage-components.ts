/**
 * The Components page: installed packages, where each version is used, uploads and removals.
 * Thin wrappers over the registry store that turn its refusals into service errors.
 */
import type { Db } from "@/db/client";
import { findVersionUsage } from "@/components-registry/store/find-version-usage";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { installComponent } from "@/components-registry/store/install-component";
import { listComponents } from "@/components-registry/store/list-components";
import { removeComponentVersion } from "@/components-registry/store/remove-component-version";
import { registryRefusal } from "./registry-errors";

/** Largest upload accepted, before base64 (the bundle limit applies after bundling). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const listInstalledComponents = (db: Db) => listComponents(db);

export const componentVersionUsage = (db: Db, key: string, version: string) => findVersionUsage(db, key, version);

export async function uploadComponent(db: Db, input: { tgzBase64: string; userId: string }) {
  const tgz = Buffer.from(input.tgzBase64, "base64");
  const installed = await installComponent(db, { tgz }, { installedBy: input.userId }).catch(registryRefusal);
  return { key: installed.key, version: installed.version, size: installed.size };
}

/**
 * What an uploaded package would install, read as an install reads it (bundled, manifest read in
 * the sandbox) but not stored: the Components page asks the user to confirm this before installing.
 */
export async function inspectUpload(db: Db, input: { tgzBase64: string }) {
  const prepared = await preparePackage({ tgz: Buffer.from(input.tgzBase64, "base64") }).catch(registryRefusal);
  const { manifest } = prepared;
  const [installed] = await listComponents(db, { key: manifest.key });
  const describe = (items: Record<string, { key: string; label: string }> | undefined) =>
    Object.values(items ?? {}).map((i) => ({ key: i.key, label: i.label }));
  return {
    packageName: prepared.pkg.name,
    key: manifest.key,
    version: manifest.version,
    label: manifest.label,
    description: manifest.description ?? "",
    size: prepared.size,
    actions: describe(manifest.actions),
    triggers: describe(manifest.triggers),
    connections: describe(manifest.connections),
    installedVersions: installed?.versions.map((v) => v.version) ?? [],
    builtIn: installed?.builtIn ?? false,
  };
}

export async function removeComponent(db: Db, key: string, version: string) {
  await removeComponentVersion(db, key, version).catch(registryRefusal);
  return { key, version };
}

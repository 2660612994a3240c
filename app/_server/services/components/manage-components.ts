/**
 * The Components page: installed packages, where each version is used, uploads and removals.
 * Thin wrappers over the registry store that turn its refusals into service errors.
 */
import type { Db } from "@/db/client";
import { findVersionUsage } from "@/components-registry/store/find-version-usage";
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

export async function removeComponent(db: Db, key: string, version: string) {
  await removeComponentVersion(db, key, version).catch(registryRefusal);
  return { key, version };
}

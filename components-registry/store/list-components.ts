/** Installed components with their versions (newest first), actions and inputs; no bundles. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import type { ComponentManifest } from "../contract";
import { compareSemver, parseSemver } from "../packages/semver";

export interface ComponentVersionInfo {
  id: string;
  version: string;
  sha256: string;
  size: number;
  installedAt: Date;
  manifest: ComponentManifest;
}

export interface ComponentInfo {
  key: string;
  label: string;
  description: string;
  category: string | null;
  builtIn: boolean;
  /** newest first */
  versions: ComponentVersionInfo[];
}

export async function listComponents(db: Db, filter: { key?: string } = {}): Promise<ComponentInfo[]> {
  const rows = await db
    .select({
      key: componentPackages.key,
      label: componentPackages.label,
      description: componentPackages.description,
      category: componentPackages.category,
      builtIn: componentPackages.builtIn,
      id: componentVersions.id,
      version: componentVersions.version,
      sha256: componentVersions.bundleSha256,
      size: componentVersions.size,
      installedAt: componentVersions.installedAt,
      manifest: componentVersions.manifest,
    })
    .from(componentPackages)
    .innerJoin(componentVersions, eq(componentVersions.packageId, componentPackages.id))
    .where(filter.key ? eq(componentPackages.key, filter.key) : undefined)
    .orderBy(asc(componentPackages.key));
  const byKey = new Map<string, ComponentInfo>();
  for (const r of rows) {
    let info = byKey.get(r.key);
    if (!info) {
      info = { key: r.key, label: r.label, description: r.description, category: r.category, builtIn: r.builtIn, versions: [] };
      byKey.set(r.key, info);
    }
    info.versions.push({
      id: r.id,
      version: r.version,
      sha256: r.sha256,
      size: r.size,
      installedAt: r.installedAt,
      manifest: r.manifest as ComponentManifest,
    });
  }
  for (const info of byKey.values()) {
    info.versions.sort((a, b) => compareSemver(parseSemver(b.version)!, parseSemver(a.version)!));
  }
  return [...byKey.values()];
}

/**
 * The BundleLoader for production: resolves a pin against the versions in PostgreSQL and loads
 * that version's bundle. Version lists are cached briefly (installs and removals show up within
 * `listTtlMs`); bundles are cached by id and sha, since a stored bundle never changes under them.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import type { ComponentManifest } from "../contract";
import { pickVersion } from "../packages/semver";
import type { BundleLoader, LoadedBundle } from "../sandbox/types";
import { contextScopeOf } from "./context-scope";

interface VersionRow {
  id: string;
  version: string;
  sha256: string;
  builtIn: boolean;
}

export function createDbBundleLoader(db: Db, options: { listTtlMs?: number; maxCachedBundles?: number } = {}): BundleLoader {
  const listTtlMs = options.listTtlMs ?? 5_000;
  const maxCachedBundles = options.maxCachedBundles ?? 200;
  const lists = new Map<string, { at: number; rows: Promise<VersionRow[]> }>();
  const bundles = new Map<string, Promise<LoadedBundle>>();

  const versionsOf = (component: string): Promise<VersionRow[]> => {
    const cached = lists.get(component);
    if (cached && Date.now() - cached.at < listTtlMs) return cached.rows;
    // a drizzle query runs again on every then/catch: hold one real promise of its result
    const rows = Promise.resolve(
      db
        .select({
          id: componentVersions.id,
          version: componentVersions.version,
          sha256: componentVersions.bundleSha256,
          builtIn: componentPackages.builtIn,
        })
        .from(componentVersions)
        .innerJoin(componentPackages, eq(componentPackages.id, componentVersions.packageId))
        .where(eq(componentPackages.key, component)),
    );
    lists.set(component, { at: Date.now(), rows });
    rows.catch(() => lists.delete(component));
    return rows;
  };

  const bundleOf = (component: string, row: VersionRow): Promise<LoadedBundle> => {
    const cacheKey = `${row.id}:${row.sha256}`;
    let loaded = bundles.get(cacheKey);
    if (!loaded) {
      loaded = db
        .select({ bundle: componentVersions.bundle, manifest: componentVersions.manifest })
        .from(componentVersions)
        .where(eq(componentVersions.id, row.id))
        .then(([r]) => {
          if (!r) throw new Error(`Component version ${row.version} was removed`);
          return {
            versionId: row.id,
            version: row.version,
            sha256: row.sha256,
            bundle: r.bundle,
            manifest: r.manifest as ComponentManifest,
            contextScope: contextScopeOf({ key: component, builtIn: row.builtIn }),
          };
        });
      if (bundles.size >= maxCachedBundles) bundles.delete(bundles.keys().next().value!);
      bundles.set(cacheKey, loaded);
      loaded.catch(() => bundles.delete(cacheKey));
    }
    return loaded;
  };

  // semver matching on every action call showed in profiles: remember each pin's pick per list
  const picks = new WeakMap<VersionRow[], Map<string | undefined, string | undefined>>();
  const pick = (rows: VersionRow[], pin: string | undefined) => {
    let byPin = picks.get(rows);
    if (!byPin) picks.set(rows, (byPin = new Map()));
    if (!byPin.has(pin))
      byPin.set(
        pin,
        pickVersion(
          rows.map((r) => r.version),
          [pin],
        ),
      );
    return byPin.get(pin);
  };

  return async (component, versionPin) => {
    const rows = await versionsOf(component);
    const version = pick(rows, versionPin);
    if (!version) {
      throw new Error(
        rows.length === 0
          ? `Component "${component}" is not installed`
          : `No installed version of "${component}" matches ${versionPin} (installed: ${rows.map((r) => r.version).join(", ")})`,
      );
    }
    return bundleOf(
      component,
      rows.find((r) => r.version === version)!,
    );
  };
}

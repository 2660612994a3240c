/**
 * A BundleLoader over bundles held in memory: for tests and benchmarks, which build their
 * bundles with `preparePackage` and need no database.
 */
import { createHash } from "node:crypto";
import type { ComponentManifest } from "../contract";
import { pickVersion } from "../packages/semver";
import type { BundleLoader, LoadedBundle } from "./types";

export interface MemoryBundleLoader extends BundleLoader {
  add(entry: { bundle: string; manifest: ComponentManifest }): LoadedBundle;
}

export function createMemoryBundleLoader(entries: { bundle: string; manifest: ComponentManifest }[] = []): MemoryBundleLoader {
  const byKey = new Map<string, Map<string, LoadedBundle>>();
  const load = async (component: string, versionPin?: string) => {
    const versions = byKey.get(component);
    const version = versions && pickVersion([...versions.keys()], [versionPin]);
    if (!version) {
      throw new Error(`Component "${component}"${versionPin ? ` version ${versionPin}` : ""} is not installed`);
    }
    return versions.get(version)!;
  };
  const add = ({ bundle, manifest }: { bundle: string; manifest: ComponentManifest }) => {
    const loaded: LoadedBundle = {
      versionId: `${manifest.key}@${manifest.version}`,
      version: manifest.version,
      sha256: createHash("sha256").update(bundle).digest("hex"),
      bundle,
      manifest,
    };
    if (!byKey.has(manifest.key)) byKey.set(manifest.key, new Map());
    byKey.get(manifest.key)!.set(manifest.version, loaded);
    return loaded;
  };
  entries.forEach(add);
  return Object.assign(load, { add });
}

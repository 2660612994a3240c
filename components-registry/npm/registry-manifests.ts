/**
 * The manifest of a version still in the registry (its actions, connections, triggers), read the
 * way an install reads it: tarball, bundle, sandbox. Kept by integrity, which names the bytes, so
 * a version is prepared once per process however often its page is shown.
 */
import type { ComponentManifest } from "../contract";
import { preparePackage } from "../packages/prepare-package";
import type { NpmClient, ResolvedVersion } from "./npm-client";

const MAX_CACHED = 100;
const cache = new Map<string, Promise<ComponentManifest>>();

export function registryManifest(client: NpmClient, resolved: ResolvedVersion): Promise<ComponentManifest> {
  const cached = cache.get(resolved.integrity);
  if (cached) return cached;
  const reading = (async () => {
    const tgz = await client.download(resolved);
    return (await preparePackage({ tgz })).manifest;
  })();
  cache.set(resolved.integrity, reading);
  // a failure (registry down, bad package) is not kept: the next look tries again
  reading.catch(() => cache.delete(resolved.integrity));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return reading;
}

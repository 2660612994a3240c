/**
 * Installs a component by npm spec: resolve it in the registry, refuse dependencies the tarball
 * does not carry, download the tarball (integrity checked), then the same preparation as an
 * upload (bundling, confinement, the manifest read in a sandbox) and one transaction to store
 * it. A failure anywhere stores nothing; temporary folders go on every path.
 */
import type { Db } from "@/db/client";
import type { ComponentManifest } from "../contract";
import { preparePackage, type PrepareOptions } from "../packages/prepare-package";
import { RegistryError } from "../packages/registry-error";
import { saveComponentVersion, type InstalledVersion } from "../store/install-component";
import { unbundledDependencies, type NpmClient, type ResolvedVersion } from "./npm-client";

/** where an installed version came from, kept in its stored manifest as `source` */
export interface RegistrySource {
  registry: string;
  name: string;
  version: string;
  integrity: string;
}

export type ManifestWithSource = ComponentManifest & { source?: RegistrySource };

export function refuseUnbundled(resolved: ResolvedVersion): void {
  const missing = unbundledDependencies(resolved.manifest);
  if (missing.length)
    throw new RegistryError(
      "invalid-package",
      `${resolved.name}@${resolved.version} depends on ${missing.join(", ")}, which its tarball does not bundle; a component is bundled from its tarball alone: list them in "bundleDependencies" (or bundle them into the entry) and publish again`,
    );
}

export interface RegistryInstall extends InstalledVersion {
  source: RegistrySource;
}

export async function installFromRegistry(
  db: Db,
  client: NpmClient,
  spec: string,
  options: PrepareOptions & { installedBy?: string } = {},
): Promise<RegistryInstall> {
  const resolved = await client.resolve(spec);
  refuseUnbundled(resolved);
  const tgz = await client.download(resolved);
  const prepared = await preparePackage({ tgz }, options);
  if (prepared.pkg.name !== resolved.name || prepared.pkg.version !== resolved.version)
    throw new RegistryError(
      "invalid-package",
      `the tarball of ${resolved.name}@${resolved.version} holds ${prepared.pkg.name}@${prepared.pkg.version}: refused`,
    );
  const source: RegistrySource = { registry: client.url, name: resolved.name, version: resolved.version, integrity: resolved.integrity };
  const manifest: ManifestWithSource = { ...prepared.manifest, source };
  const installed = await saveComponentVersion(db, { ...prepared, manifest }, { installedBy: options.installedBy });
  return { ...installed, source };
}

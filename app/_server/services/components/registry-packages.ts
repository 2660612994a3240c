/**
 * The marketplace's registry side: search the npm registry for components, a package's page
 * (versions, readme, the actions of a version, what is installed, whether a newer one exists),
 * install by spec, and which installed packages are outdated. Registry refusals become service
 * errors with the registry's message.
 */
import semver from "semver";
import type { Db } from "@/db/client";
import type { ComponentManifest } from "@/components-registry/contract";
import { installFromRegistry, type ManifestWithSource } from "@/components-registry/npm/install-from-registry";
import { createNpmClient, type NpmClient } from "@/components-registry/npm/npm-client";
import { isPackageName } from "@/components-registry/npm/package-spec";
import { registryManifest } from "@/components-registry/npm/registry-manifests";
import { listComponents } from "@/components-registry/store/list-components";
import { ServiceError } from "../errors";
import { registryRefusal } from "./registry-errors";
import { registryConfig } from "./registry-settings";

/** a readme longer than this is cut (the page shows it as text) */
const MAX_README = 100_000;

export async function registryClient(db: Db): Promise<NpmClient> {
  return createNpmClient(await registryConfig(db).catch(registryRefusal));
}

export interface InstalledFromRegistry {
  key: string;
  /** installed versions from this package, newest first */
  versions: string[];
}

/** installed components by the npm package they were installed from */
async function installedByPackage(db: Db): Promise<Map<string, InstalledFromRegistry>> {
  const byName = new Map<string, InstalledFromRegistry>();
  for (const c of await listComponents(db)) {
    for (const v of c.versions) {
      const source = (v.manifest as ManifestWithSource).source;
      if (!source?.name) continue;
      const entry = byName.get(source.name) ?? { key: c.key, versions: [] };
      entry.versions.push(v.version);
      byName.set(source.name, entry);
    }
  }
  for (const e of byName.values()) e.versions.sort(semver.rcompare);
  return byName;
}

const newer = (latest: string | undefined, installed: string[]) =>
  latest && installed.length && semver.valid(latest) && semver.gt(latest, installed[0]!) ? latest : null;

export async function searchRegistry(db: Db, input: { text: string }) {
  const client = await registryClient(db);
  const [hits, installed] = await Promise.all([client.search(input.text).catch(registryRefusal), installedByPackage(db)]);
  return {
    registry: client.url,
    packages: hits.map((h) => {
      const mine = installed.get(h.name);
      return {
        ...h,
        installedKey: mine?.key ?? null,
        installedVersions: mine?.versions ?? [],
        upgradeTo: newer(h.version, mine?.versions ?? []),
      };
    }),
  };
}

function actionsOf(manifest: ComponentManifest) {
  // triggers: declared by components that have them (another part of issue 17 adds them to the manifest)
  const m = manifest as ComponentManifest & { triggers?: Record<string, { label?: string; description?: string }> };
  return {
    key: m.key,
    label: m.label,
    actions: Object.values(m.actions ?? {}).map((a) => ({
      key: a.key,
      label: a.label,
      description: a.description ?? "",
      inputs: (a.inputs ?? []).map((i) => ({ key: i.key, label: i.label, type: i.type, required: !!i.required })),
    })),
    connections: Object.values(m.connections ?? {}).map((c) => ({
      key: c.key,
      label: c.label,
      fields: (c.fields ?? []).map((f) => ({ key: f.key, label: f.label, type: f.type })),
    })),
    triggers: Object.entries(m.triggers ?? {}).map(([key, t]) => ({ key, label: t.label ?? key, description: t.description ?? "" })),
  };
}

export async function registryPackage(db: Db, input: { name: string; version?: string }) {
  if (!isPackageName(input.name)) throw new ServiceError("BAD_REQUEST", `name: "${input.name}" is not an npm package name`);
  const client = await registryClient(db);
  const doc = await client.packument(input.name).catch(registryRefusal);
  const distTags = doc["dist-tags"] ?? {};
  const versions = Object.values(doc.versions ?? {})
    .filter((v) => semver.valid(v.version))
    .sort((a, b) => semver.rcompare(a.version, b.version))
    .map((v) => ({ version: v.version, date: doc.time?.[v.version] ?? null, deprecated: v.deprecated ?? null }));
  const latest = distTags.latest ?? versions[0]?.version;
  const shown = input.version ?? latest;
  const mine = (await installedByPackage(db)).get(input.name);
  let manifest: ReturnType<typeof actionsOf> | null = null;
  let manifestError: string | null = null;
  if (shown) {
    try {
      manifest = actionsOf(await registryManifest(client, await client.resolve(`${input.name}@${shown}`)));
    } catch (err) {
      manifestError = (err as Error).message;
    }
  }
  const readme = typeof doc.readme === "string" && doc.readme !== "ERROR: No README data found!" ? doc.readme : "";
  const latestDoc = latest ? doc.versions[latest] : undefined;
  return {
    registry: client.url,
    name: doc.name,
    description: doc.description ?? latestDoc?.description ?? "",
    keywords: doc.keywords ?? latestDoc?.keywords ?? [],
    distTags,
    latest: latest ?? null,
    versions,
    readme: readme.length > MAX_README ? `${readme.slice(0, MAX_README)}\n\n… (cut at ${MAX_README} characters)` : readme,
    shownVersion: shown ?? null,
    manifest,
    manifestError,
    installedKey: mine?.key ?? null,
    installedVersions: mine?.versions ?? [],
    upgradeTo: newer(latest, mine?.versions ?? []),
  };
}

export async function installRegistryPackage(db: Db, input: { spec: string; userId: string }) {
  const client = await registryClient(db);
  const installed = await installFromRegistry(db, client, input.spec, { installedBy: input.userId }).catch(registryRefusal);
  return { key: installed.key, version: installed.version, size: installed.size, source: installed.source };
}

/** installed packages with a newer version in the registry */
export async function outdatedPackages(db: Db) {
  const client = await registryClient(db);
  const installed = await installedByPackage(db);
  const rows = [];
  for (const [name, mine] of installed) {
    const doc = await client.packument(name).catch(registryRefusal);
    const latest = doc["dist-tags"]?.latest;
    const upgradeTo = newer(latest, mine.versions);
    if (upgradeTo) rows.push({ name, key: mine.key, installed: mine.versions[0]!, latest: upgradeTo });
  }
  return rows;
}

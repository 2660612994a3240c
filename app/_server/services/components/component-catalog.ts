import { eq } from "drizzle-orm";
import type { Db } from "../../../../db/client";
import { componentPackages, componentVersions } from "../../../../db/schema";
import type { ComponentManifest } from "../../../../components-registry/contract";
import type { ComponentCatalog } from "../../../../runtime/definition/component-catalog";
import { splitAction, type Definition, type Step } from "../../../../runtime/definition";
import { pickVersion } from "../../../../components-registry/packages/semver";
import { ServiceError } from "../errors";


function stepsOf(steps: Step[]): Step[] {
  return steps.flatMap((s) => [s, ...stepsOf(s.steps ?? []), ...(s.branches ?? []).flatMap((b) => stepsOf(b.steps)), ...stepsOf(s.else ?? [])]);
}

/** Every installed component version's manifest, read once per publish. */
export async function loadComponentCatalog(db: Db): Promise<ComponentCatalog> {
  const rows = await db
    .select({ key: componentPackages.key, version: componentVersions.version, manifest: componentVersions.manifest })
    .from(componentVersions)
    .innerJoin(componentPackages, eq(componentPackages.id, componentVersions.packageId));
  const byKey = new Map<string, Map<string, ComponentManifest>>();
  for (const r of rows) {
    if (!byKey.has(r.key)) byKey.set(r.key, new Map());
    byKey.get(r.key)!.set(r.version, r.manifest as ComponentManifest);
  }
  const manifestFor = (component: string, pin?: string) => {
    const versions = byKey.get(component);
    const version = versions && pickVersion([...versions.keys()], [pin]);
    return version ? versions!.get(version) : undefined;
  };

  return {
    manifests: (component, action, version) => manifestFor(component, version)?.actions[action],
    async resolveVersions(definition: Definition) {
      const resolved: Record<string, string> = {};
      for (const step of definition.flows.flatMap((f) => stepsOf(f.steps))) {
        const { component } = splitAction(step.action);
        const pin = step.component?.split("@")[1];
        const manifest = manifestFor(component, pin);
        if (!manifest) throw new ServiceError("BAD_REQUEST", `${step.name}: no installed version of ${component}${pin ? `@${pin}` : ""}`);
        if (resolved[component] && resolved[component] !== manifest.version) {
          throw new ServiceError("BAD_REQUEST", `${step.name}: ${component} is pinned to two different versions in one integration`);
        }
        resolved[component] = manifest.version;
      }
      return resolved;
    },
  };
}

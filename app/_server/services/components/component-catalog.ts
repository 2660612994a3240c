import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { componentPackages, componentVersions } from "@/db/schema";
import type { ComponentManifest } from "@/components-registry/contract";
import type { ComponentCatalog } from "@/runtime/definition/component-catalog";
import { splitAction, type Definition } from "@/runtime/definition";
import { allSteps } from "@/runtime/definition/walk";
import { configVarsOf } from "@/runtime/config/config-values";
import { pickVersion } from "@/components-registry/packages/semver";
import { RegistryError } from "@/components-registry/packages/registry-error";
import { resolveComponentVersions } from "@/components-registry/store/resolve-component-versions";
import { ServiceError } from "../errors";

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
    triggers: (component, trigger, version) => manifestFor(component, version)?.triggers?.[trigger],
    connections: (component, key, version) => manifestFor(component, version)?.connections?.[key],
    // the registry's rule: per component, the newest installed version satisfying every step's pin
    async resolveVersions(definition: Definition) {
      const uses = [...allSteps(definition)].map(({ step }) => ({
        component: splitAction(step.action).component,
        pin: step.component?.split("@")[1],
      }));
      // a component trigger's component is pinned like a step's
      for (const flow of definition.flows) {
        if (flow.trigger.type !== "component") continue;
        const [component, pin] = flow.trigger.component.split("@");
        uses.push({ component, pin });
      }
      // a connection config variable's fields come from its component's pinned version
      for (const v of configVarsOf(definition.configPages)) {
        if (v.type === "credential" && v.connection) uses.push({ component: v.connection.component, pin: undefined });
      }
      try {
        return await resolveComponentVersions(db, uses);
      } catch (err) {
        if (err instanceof RegistryError) throw new ServiceError("BAD_REQUEST", `cannot publish: ${err.message}`);
        throw err;
      }
    },
  };
}

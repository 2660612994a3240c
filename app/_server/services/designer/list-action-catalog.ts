import type { Db } from "@/db/client";
import type { ActionManifest, ConnectionManifest, TriggerManifest } from "@/components-registry/contract";
import { listComponents } from "@/components-registry/store/list-components";

export interface CatalogComponent {
  key: string;
  label: string;
  description: string;
  category: string | null;
  version: string;
  actions: Record<string, ActionManifest>;
  /** the connections its credential inputs take (config variables of credentialType connection) */
  connections: Record<string, ConnectionManifest>;
  /** what can start a flow (the trigger editor's "Component trigger") */
  triggers: Record<string, TriggerManifest>;
}

/** The newest installed version of each component, with its actions, connections and triggers: what the step picker and trigger editor offer. */
export async function listActionCatalog(db: Db): Promise<CatalogComponent[]> {
  const components = await listComponents(db);
  return components
    .filter((c) => c.versions.length > 0)
    .map((c) => {
      const latest = c.versions[0]!;
      return {
        key: c.key,
        label: c.label,
        description: c.description,
        category: c.category,
        version: latest.version,
        actions: latest.manifest.actions,
        connections: latest.manifest.connections ?? {},
        triggers: latest.manifest.triggers ?? {},
      };
    });
}

import type { ManifestLookup } from "@/components-registry/contract";
import type { Definition } from "./schema";
import type { TriggerLookup } from "./validate-triggers";

/**
 * What publishing needs from the component registry: manifests to check steps against, and the
 * exact version each component used by a definition resolves to (honouring `component: key@major`).
 */
export interface ComponentCatalog {
  manifests: ManifestLookup;
  /** component triggers' manifests */
  triggers?: TriggerLookup;
  resolveVersions(definition: Definition): Promise<Record<string, string>>;
}

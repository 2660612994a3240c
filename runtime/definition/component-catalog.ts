import type { ManifestLookup } from "@/components-registry/contract";
import type { Definition } from "./schema";

/**
 * What publishing needs from the component registry: manifests to check steps against, and the
 * exact version each component used by a definition resolves to (honouring `component: key@major`).
 */
export interface ComponentCatalog {
  manifests: ManifestLookup;
  resolveVersions(definition: Definition): Promise<Record<string, string>>;
}

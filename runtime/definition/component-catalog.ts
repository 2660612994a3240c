import type { ConnectionManifest, ManifestLookup } from "@/components-registry/contract";
import type { Definition } from "./schema";
import type { TriggerLookup } from "./validate-triggers";

/** Finds a connection a component declares; undefined when the component (at that version) is not installed or has none by that key. */
export type ConnectionManifestLookup = (component: string, key: string, version?: string) => ConnectionManifest | undefined;

/**
 * What publishing needs from the component registry: manifests to check steps against, and the
 * exact version each component used by a definition resolves to (honouring `component: key@major`).
 */
export interface ComponentCatalog {
  manifests: ManifestLookup;
  /** component triggers' manifests */
  triggers?: TriggerLookup;
  /** the connections components declare (config variables of credentialType connection) */
  connections?: ConnectionManifestLookup;
  resolveVersions(definition: Definition): Promise<Record<string, string>>;
}

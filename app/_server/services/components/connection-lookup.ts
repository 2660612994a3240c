import type { Db } from "@/db/client";
import type { ConnectionLookup } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition";
import { notFound } from "../errors";
import { loadComponentCatalog } from "./component-catalog";
import type { ConnectionManifest } from "@/components-registry/contract";

/**
 * The connections a definition's config variables hold, at the versions it pins (a published
 * version's componentVersions; the newest installed for a draft): what config values are checked against.
 */
export async function connectionLookupFor(db: Db, definition: Definition): Promise<ConnectionLookup> {
  const catalog = await loadComponentCatalog(db);
  return (component, key) => catalog.connections?.(component, key, definition.componentVersions?.[component]);
}

/** One connection's fields, for the wizard (labels, help, password fields, picklists, defaults: nothing secret). */
export async function connectionManifest(db: Db, input: { component: string; key: string; version?: string }): Promise<ConnectionManifest> {
  const catalog = await loadComponentCatalog(db);
  const manifest = catalog.connections?.(input.component, input.key, input.version);
  if (!manifest) throw notFound(`connection "${input.key}" of component "${input.component}"`);
  return manifest;
}

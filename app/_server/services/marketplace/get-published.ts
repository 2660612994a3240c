import type { Db } from "@/db/client";
import { serializeDefinitionYaml, type Definition } from "@/runtime/definition";
import { notFound } from "../errors";
import { getVersion } from "../integrations/get-integration";
import { definitionForViewer } from "./customer-view";
import { isReadableByCustomer, type MarketplaceViewer } from "./visibility";

export interface GetPublishedInput {
  id: string;
  version?: number;
  /** for an organization user: the customer it deploys for, whose presets prefill the wizard */
  customerId?: string;
}

/**
 * One published version (the latest when `version` is omitted): its definition for the wizard
 * and its YAML for the difference shown before an update. Never the draft. A customer's user
 * gets "not found" for what it may not see, the very answer an unknown id gets, and the
 * definition without the variables the organization hid from it.
 */
export async function getPublished(db: Db, input: GetPublishedInput, viewer: MarketplaceViewer = "organization") {
  const missing = () =>
    notFound(input.version === undefined ? "published version (publish the integration first)" : `version ${input.version}`);
  if (viewer !== "organization" && !(await isReadableByCustomer(db, input.id, viewer.customerId))) throw missing();
  const row = await getVersion(db, input.id, input.version);
  const view = await definitionForViewer(db, viewer, input.id, row.definition as Definition, input.customerId);
  return {
    integrationId: input.id,
    version: row.version,
    note: row.note,
    publishedAt: row.publishedAt,
    definition: view.definition,
    yaml: serializeDefinitionYaml(view.definition),
    presets: view.presets,
    presetsLocked: view.presetsLocked,
  };
}

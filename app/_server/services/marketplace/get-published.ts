import type { Db } from "@/db/client";
import { serializeDefinitionYaml, type Definition } from "@/runtime/definition";
import { getVersion } from "../integrations/get-integration";

/**
 * One published version (the latest when `version` is omitted): its definition for the wizard
 * and its YAML for the difference shown before an update. Never the draft.
 */
export async function getPublished(db: Db, input: { id: string; version?: number }) {
  const row = await getVersion(db, input.id, input.version);
  const definition = row.definition as Definition;
  return {
    integrationId: input.id,
    version: row.version,
    note: row.note,
    publishedAt: row.publishedAt,
    definition,
    yaml: serializeDefinitionYaml(definition),
  };
}

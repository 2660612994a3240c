import type { Db } from "@/db/client";
import { serializeDefinitionYaml, type Definition } from "@/runtime/definition";
import { getIntegration, getVersion } from "./get-integration";

/** The draft (default) or a published version, as YAML. */
export async function exportIntegration(db: Db, input: { id: string; version?: number }) {
  if (input.version === undefined) {
    const integration = await getIntegration(db, input.id);
    return { yaml: serializeDefinitionYaml(integration.draft), version: null };
  }
  const version = await getVersion(db, input.id, input.version);
  return { yaml: serializeDefinitionYaml(version.definition as Definition), version: version.version };
}

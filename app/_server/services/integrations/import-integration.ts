import type { Db } from "@/db/client";
import { parseDefinitionYaml } from "@/runtime/definition";
import { definitionRejected } from "./definition-problems";
import { insertIntegration, updateDraft } from "./write-draft";

/**
 * Imports a YAML definition: a new integration, or the draft of `id`. The whole document is
 * checked first; on any error nothing is written.
 */
export async function importIntegration(db: Db, input: { yaml: string; id?: string; userId: string | null }) {
  const parsed = parseDefinitionYaml(input.yaml);
  if (!parsed.ok) throw definitionRejected("the definition has errors", parsed.errors);
  const row = input.id ? await updateDraft(db, input.id, parsed.definition) : await insertIntegration(db, parsed.definition, input.userId);
  return { id: row.id, draftRevision: row.draftRevision, created: !input.id };
}

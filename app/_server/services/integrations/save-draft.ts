import type { Db } from "@/db/client";
import { checkDefinition, validateDefinition } from "@/runtime/definition";
import { definitionRejected } from "./definition-problems";
import { updateDraft } from "./write-draft";

/**
 * Saves a draft from the designer. Drafts may be half-done: only the shape must hold. What would
 * stop it running (references, keys) comes back as `problems` for the editor to mark.
 */
export async function saveDraft(db: Db, input: { id: string; definition: unknown; baseRevision?: number }) {
  const shaped = checkDefinition(input.definition, { shapeOnly: true });
  if (!shaped.ok) throw definitionRejected("the draft is malformed", shaped.errors);
  const row = await updateDraft(db, input.id, shaped.definition, input.baseRevision);
  return { ...row, problems: validateDefinition(shaped.definition, { mode: "draft" }) };
}

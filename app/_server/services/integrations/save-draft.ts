import type { Db } from "@/db/client";
import { checkDraft } from "@/runtime/definition";
import { definitionRejected } from "./definition-problems";
import { updateDraft } from "./write-draft";

/**
 * Saves a draft from the designer. Drafts may be half-done, even ill shaped inside the envelope
 * (a key with a space, an unknown action): the draft is kept and what is wrong comes back as
 * `problems` for the editor to show where each mistake is. Publishing and test runs refuse it
 * until they are fixed.
 */
export async function saveDraft(db: Db, input: { id: string; definition: unknown; baseRevision?: number }) {
  const checked = checkDraft(input.definition);
  if (!checked.ok) throw definitionRejected("the draft is malformed", checked.errors);
  const row = await updateDraft(db, input.id, checked.definition, input.baseRevision);
  return { ...row, problems: checked.problems };
}

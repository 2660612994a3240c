import type { Db } from "@/db/client";
import { copyAttachments } from "../attachments/copy-attachments";
import { getIntegration } from "./get-integration";
import { insertIntegration } from "./write-draft";

/** A copy of an integration's draft and attachments under a new name; versions and instances stay behind. */
export async function forkIntegration(db: Db, input: { id: string; name: string; description?: string; userId: string | null }) {
  const source = await getIntegration(db, input.id);
  const definition = { ...source.draft, name: input.name.trim(), description: input.description ?? source.description };
  return db.transaction(async (tx) => {
    const row = await insertIntegration(tx, definition, input.userId, source.id);
    await copyAttachments(tx, source.id, row.id);
    return row;
  });
}

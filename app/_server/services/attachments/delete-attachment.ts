import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments } from "@/db/schema";
import { notFound } from "../errors";

export async function deleteAttachment(db: Db, integrationId: string, id: string) {
  const [row] = await db
    .delete(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.integrationId, integrationId)))
    .returning({ id: attachments.id, name: attachments.name });
  if (!row) throw notFound("attachment");
  return row;
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments } from "@/db/schema";
import { notFound } from "../errors";

/** One attachment with its bytes, for the download; it must belong to the integration named. */
export async function getAttachment(db: Db, integrationId: string, id: string) {
  const [row] = await db
    .select({ name: attachments.name, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.integrationId, integrationId)));
  if (!row) throw notFound("attachment");
  return row;
}

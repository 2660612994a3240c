import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, users } from "@/db/schema";

/** An attachment without its bytes: what lists and uploads answer. */
export const attachmentColumns = {
  id: attachments.id,
  name: attachments.name,
  contentType: attachments.contentType,
  size: attachments.size,
  createdAt: attachments.createdAt,
};

/** The integration's documents, newest first, with who uploaded each. */
export function listAttachments(db: Db, integrationId: string) {
  return db
    .select({ ...attachmentColumns, uploadedBy: users.email })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.integrationId, integrationId))
    .orderBy(desc(attachments.createdAt), desc(attachments.id));
}

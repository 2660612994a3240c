import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** A fork keeps the documents of the integration it was copied from (copied in the database, never read into memory). */
export async function copyAttachments(db: Db, fromIntegrationId: string, toIntegrationId: string): Promise<void> {
  await db.execute(sql`
    insert into attachments (integration_id, name, content_type, size, data, uploaded_by, created_at)
    select ${toIntegrationId}, name, content_type, size, data, uploaded_by, created_at
    from attachments where integration_id = ${fromIntegrationId}`);
}

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkReplays } from "@/db/schema";

/**
 * Asks a bulk replay to stop: its job stops before its next batch (the runs already replayed
 * stay); one not started yet ends at once. Ended ones are left as they are.
 */
export async function cancelBulkReplay(db: Db, id: string): Promise<void> {
  await db
    .update(bulkReplays)
    .set({
      cancelRequestedAt: sql`coalesce(${bulkReplays.cancelRequestedAt}, now())`,
      status: sql`case when ${bulkReplays.status} = 'queued' then 'canceled' else ${bulkReplays.status} end`,
      finishedAt: sql`case when ${bulkReplays.status} = 'queued' then now() else ${bulkReplays.finishedAt} end`,
    })
    .where(and(eq(bulkReplays.id, id), inArray(bulkReplays.status, ["queued", "running"])));
}

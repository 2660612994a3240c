import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { CHANNELS } from "@/runtime/queue/channels";

/** Tells schedulers and webhook caches in every process that an instance changed. */
export async function notifyInstanceChanged(db: Db, instanceId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANNELS.instances}, ${instanceId})`);
}

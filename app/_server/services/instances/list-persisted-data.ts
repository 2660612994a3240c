import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { persistedData } from "@/db/schema";

/** Persist Data rows of one instance, read-only: flow '' means instance-scoped. */
export function listPersistedData(db: Db, instanceId: string) {
  return db
    .select({ key: persistedData.key, flow: persistedData.flowKey, value: persistedData.value, updatedAt: persistedData.updatedAt })
    .from(persistedData)
    .where(eq(persistedData.ownerId, instanceId))
    .orderBy(asc(persistedData.flowKey), asc(persistedData.key))
    .limit(500);
}

/**
 * Runs of an instance's flows waiting in the queue (queued, not yet started) — for a rate-limited
 * or concurrency-limited flow, the runs held back by its limit. Counted on the executions' status
 * index; the rows are few (only unfinished runs).
 */
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executions, instances } from "@/db/schema";
import { notFound } from "../errors";

export async function getWaitingRuns(db: Db, instanceId: string): Promise<{ customerId: string; waiting: Record<string, number> }> {
  const [instance] = await db.select({ customerId: instances.customerId }).from(instances).where(eq(instances.id, instanceId));
  if (!instance) throw notFound("instance");
  const rows = await db
    .select({ flowKey: executions.flowKey, n: count() })
    .from(executions)
    .where(and(eq(executions.instanceId, instanceId), eq(executions.status, "queued")))
    .groupBy(executions.flowKey);
  return { customerId: instance.customerId, waiting: Object.fromEntries(rows.map((r) => [r.flowKey, r.n])) };
}

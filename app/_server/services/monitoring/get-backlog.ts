/**
 * The queue as the organization's dashboard shows it: due runs not yet started, the oldest one's
 * wait, and the synchronous webhooks refused with 429 over the period because of the backlog.
 */
import { and, gte, lt, sum } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "@/db/client";
import { backlogRefusals } from "@/db/schema";
import { readBacklog } from "@/runtime/executions/store";

export async function getBacklog(db: Db, pool: pg.Pool, period: { since: Date; until: Date }) {
  const [now, refused] = await Promise.all([
    readBacklog(pool),
    db
      .select({ n: sum(backlogRefusals.refused).mapWith(Number) })
      .from(backlogRefusals)
      .where(and(gte(backlogRefusals.minute, period.since), lt(backlogRefusals.minute, period.until))),
  ]);
  return { queued: now.queued, oldestQueuedSeconds: Math.round(now.oldestSeconds), refusedInPeriod: refused[0]?.n ?? 0 };
}

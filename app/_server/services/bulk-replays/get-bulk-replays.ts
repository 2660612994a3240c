import { and, desc, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkReplayRuns, bulkReplays, executions, users } from "@/db/schema";
import { notFound } from "../errors";

const columns = {
  id: bulkReplays.id,
  filter: bulkReplays.filter,
  customerId: bulkReplays.customerId,
  latestVersion: bulkReplays.latestVersion,
  perSecond: bulkReplays.perSecond,
  status: bulkReplays.status,
  total: bulkReplays.total,
  replayed: bulkReplays.replayed,
  failed: bulkReplays.failed,
  cancelRequested: isNotNull(bulkReplays.cancelRequestedAt),
  lastError: bulkReplays.lastError,
  createdBy: users.email,
  createdAt: bulkReplays.createdAt,
  startedAt: bulkReplays.startedAt,
  finishedAt: bulkReplays.finishedAt,
};

const withRemaining = <T extends { total: number; replayed: number; failed: number; status: string }>(r: T) => ({
  ...r,
  // a canceled one leaves its rest undone: remaining says how many
  remaining: r.total - r.replayed - r.failed,
});

/** A bulk replay's progress, and how its new runs have ended so far (by status). */
export async function getBulkReplay(db: Db, id: string) {
  const [row] = await db
    .select(columns)
    .from(bulkReplays)
    .leftJoin(users, eq(users.id, bulkReplays.createdBy))
    .where(eq(bulkReplays.id, id));
  if (!row) throw notFound("bulk replay");
  const byStatus = await db
    .select({ status: executions.status, n: sql<number>`count(*)::int` })
    .from(bulkReplayRuns)
    .innerJoin(executions, eq(executions.id, bulkReplayRuns.executionId))
    .where(and(eq(bulkReplayRuns.bulkReplayId, id), eq(bulkReplayRuns.outcome, "replayed")))
    .groupBy(executions.status);
  const failures = await db
    .select({ originalId: bulkReplayRuns.originalId, error: bulkReplayRuns.error })
    .from(bulkReplayRuns)
    .where(and(eq(bulkReplayRuns.bulkReplayId, id), eq(bulkReplayRuns.outcome, "failed")))
    .orderBy(bulkReplayRuns.position)
    .limit(20);
  return { ...withRemaining(row), newRuns: Object.fromEntries(byStatus.map((s) => [s.status, s.n])), failures };
}

/** Which original each new run replays, in the originals' order (a page of them). */
export async function listBulkReplayRuns(db: Db, id: string, options: { offset?: number; limit?: number } = {}) {
  return db
    .select({
      originalId: bulkReplayRuns.originalId,
      executionId: bulkReplayRuns.executionId,
      outcome: bulkReplayRuns.outcome,
      error: bulkReplayRuns.error,
    })
    .from(bulkReplayRuns)
    .where(eq(bulkReplayRuns.bulkReplayId, id))
    .orderBy(bulkReplayRuns.position)
    .offset(options.offset ?? 0)
    .limit(Math.min(options.limit ?? 100, 1000));
}

/** Bulk replays under way, and those that ended in the last hour, newest first (`customerId`: only that customer's). */
export async function listBulkReplays(db: Db, scope: { customerId?: string }) {
  const rows = await db
    .select(columns)
    .from(bulkReplays)
    .leftJoin(users, eq(users.id, bulkReplays.createdBy))
    .where(
      and(
        scope.customerId ? eq(bulkReplays.customerId, scope.customerId) : undefined,
        or(inArray(bulkReplays.status, ["queued", "running"]), gt(bulkReplays.finishedAt, sql`now() - interval '1 hour'`)),
      ),
    )
    .orderBy(desc(bulkReplays.createdAt))
    .limit(10);
  return rows.map(withRemaining);
}

/** whose runs a bulk replay replays (for the router's access check) */
export async function bulkReplayOwner(db: Db, id: string): Promise<{ customerId: string | null }> {
  const [row] = await db.select({ customerId: bulkReplays.customerId }).from(bulkReplays).where(eq(bulkReplays.id, id));
  if (!row) throw notFound("bulk replay");
  return row;
}

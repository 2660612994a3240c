import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bulkReplayRuns, bulkReplays, executions, type BulkReplayFilter } from "@/db/schema";
import { defaultPerSecond, type BulkReplays } from "@/runtime/bulk-replay/bulk-replay-job";
import { ServiceError } from "../errors";
import { executionFilter } from "../executions/list-executions";
import type { ExecutionFilter } from "./bulk-replay-filter";

/** the most runs one bulk replay takes (JUNCTION_BULK_REPLAY_MAX) */
const maxRuns = () => Number(process.env.JUNCTION_BULK_REPLAY_MAX ?? 100_000);

/**
 * Creates a bulk replay of the runs the filters select (already scoped to the caller: a customer
 * user's to its customer) and queues its job. The runs are fixed now, oldest first: the count
 * the caller confirmed is what is replayed, whatever arrives meanwhile.
 */
export async function startBulkReplay(
  db: Db,
  queue: Pick<BulkReplays, "queue">,
  input: { filter: ExecutionFilter; latestVersion?: boolean; perSecond?: number; userId: string | null },
): Promise<{ id: string; total: number }> {
  const filter: BulkReplayFilter = {
    ...input.filter,
    since: input.filter.since?.toISOString(),
    until: input.filter.until?.toISOString(),
  };
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bulkReplays)
      .values({
        filter,
        customerId: input.filter.customerId ?? null,
        latestVersion: input.latestVersion ?? false,
        perSecond: input.perSecond ?? defaultPerSecond(),
        total: 0,
        createdBy: input.userId,
      })
      .returning({ id: bulkReplays.id });
    const e = executions;
    const inserted = await tx.execute(sql`
      insert into ${bulkReplayRuns} (bulk_replay_id, position, original_id)
      select ${row!.id}, row_number() over (order by ${e.queuedAt}, ${e.id}), ${e.id}
        from ${e} where ${executionFilter(input.filter) ?? sql`true`}`);
    const total = inserted.rowCount ?? 0;
    if (total === 0) throw new ServiceError("BAD_REQUEST", "No runs match these filters: there is nothing to replay.");
    if (total > maxRuns())
      throw new ServiceError(
        "BAD_REQUEST",
        `These filters select ${total} runs; a bulk replay takes at most ${maxRuns()}. Narrow the filters (a shorter time range, one instance) and replay in parts.`,
      );
    await tx
      .update(bulkReplays)
      .set({ total })
      .where(sql`${bulkReplays.id} = ${row!.id}`);
    return { id: row!.id, total };
  });
  try {
    await queue.queue(created.id);
  } catch (err) {
    // not queued: nothing will work it, so it must not look as if something would
    await db
      .update(bulkReplays)
      .set({ status: "canceled", finishedAt: new Date(), lastError: `could not be queued: ${(err as Error).message}` })
      .where(sql`${bulkReplays.id} = ${created.id}`);
    throw err;
  }
  return created;
}

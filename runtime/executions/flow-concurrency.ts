/**
 * Concurrency per instance flow (`execution.concurrency`): parallel (default), sequential (one
 * run at a time, in arrival order) or throttled to N. A worker that claims a run of a limited
 * flow asks for admission under an advisory lock on the instance flow; refused, the run goes back
 * to `queued` without a job, and whoever ends a run of that flow — its worker, or the reaper when
 * the worker died — dispatches the oldest waiting ones; the sweeper does too, for a flow whose
 * dispatch was lost. Claims are idempotent, so an extra job for a run is harmless.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { Concurrency, Definition } from "../definition";
import { withTransaction } from "@/db/transaction";
import { enqueueInTransaction } from "../queue/enqueue";
import { flowOf } from "./retry-policy";
import { olderWaiting, oldestWaiting, runningCount, unclaim, type Fence } from "./store";

/** Runs at once for the flow; null when unlimited. */
export function concurrencyLimit(definition: Definition, flowKey: string): number | null {
  return limitOf(flowOf(definition, flowKey)?.execution?.concurrency);
}

/** Runs at once under these settings; null when unlimited. */
export function limitOf(c: Concurrency | undefined): number | null {
  if (!c || c.mode === "parallel") return null;
  return c.mode === "sequential" ? 1 : (c.limit ?? 1);
}

function locked<T>(pool: pg.Pool, instanceId: string, flowKey: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query("select pg_advisory_xact_lock(hashtext($1))", [`${instanceId}:${flowKey}`]);
    return work(client);
  });
}

/** Queues jobs for the oldest waiting runs of the flow, as many as there are free slots. */
async function dispatchOldest(client: pg.PoolClient, boss: PgBoss, instanceId: string, flowKey: string, free: number): Promise<void> {
  if (free <= 0) return;
  const waiting = await oldestWaiting(client, instanceId, flowKey, free);
  await enqueueInTransaction(
    boss,
    client,
    waiting.map((executionId) => ({ executionId })),
  );
}

/**
 * Whether a just-claimed run may go now. If not, the claim is undone (the run waits, queued, in
 * its place in line) and the runs that may go instead are dispatched.
 */
export async function admitRun(
  pool: pg.Pool,
  boss: PgBoss,
  fence: Fence,
  run: { instanceId: string; flowKey: string },
  limit: number,
): Promise<boolean> {
  return locked(pool, run.instanceId, run.flowKey, async (client) => {
    const running = await runningCount(client, run.instanceId, run.flowKey, fence.executionId);
    if (running < limit && !(await olderWaiting(client, run.instanceId, run.flowKey, fence.executionId))) return true;
    await unclaim(client, fence.executionId, fence.attempt, fence.workerId);
    await dispatchOldest(client, boss, run.instanceId, run.flowKey, limit - running);
    return false;
  });
}

/** After a run of a limited flow ends (or was found lost, or waits unseen): the next in line may start. */
export async function dispatchNext(pool: pg.Pool, boss: PgBoss, instanceId: string, flowKey: string, limit: number): Promise<void> {
  await locked(pool, instanceId, flowKey, async (client) => {
    await dispatchOldest(client, boss, instanceId, flowKey, limit - (await runningCount(client, instanceId, flowKey)));
  });
}

/**
 * The leader's two guards against runs lost by a crash of ours (scheduler.ts runs them):
 *
 * - the reaper: a running execution whose heartbeat went silent for JUNCTION_STALE_RUN_MS lost
 *   its worker (SIGKILL, a crash, a lost machine, a stall). The attempt is recorded `lost`, and
 *   the run goes again — up to JUNCTION_CRASH_RERUNS times, apart from the flow's retries, unless
 *   the flow says `rerunAfterCrash: false`; then the flow's retry takes over, or it fails.
 *   A limited flow's next waiting run is dispatched, since its worker will not.
 * - the sweeper: a queued run, or one waiting for its retry, without a live job for
 *   JUNCTION_SWEEP_GRACE_MS (its worker died between taking the job and claiming the run, or
 *   its claim failed while the database restarted) is queued again; a waiting run of a limited
 *   flow has no job by design, so its flow's next in line is dispatched instead.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { withTransaction } from "@/db/transaction";
import type { Definition } from "../definition";
import { enqueueInTransaction } from "../queue/enqueue";
import { withLiveJob } from "../queue/job-statements";
import { EXECUTION_QUEUE } from "../queue/queues";
import { workerLost } from "./end-reasons";
import { concurrencyLimit, dispatchNext } from "./flow-concurrency";
import { crashRerunLimit, rerunsAfterCrash } from "./retry-policy";
import { longWaiting, moveLostRuns, staleRuns, versionDefinition, type LostNext } from "./store";

interface FlowRun {
  instance_id: string | null;
  flow_key: string;
  version_id: string | null;
  test_definition: unknown;
}

/** the definition the run runs, or null when it cannot be read (its claim will say so) */
async function definitionOf(db: pg.Pool | pg.PoolClient, run: FlowRun): Promise<Definition | null> {
  if (run.test_definition) return run.test_definition as Definition;
  if (!run.version_id) return null;
  return versionDefinition(db, run.version_id).catch(() => null);
}

/** dispatches the next waiting runs of each limited instance flow among `runs` */
async function dispatchLimitedFlows(
  pool: pg.Pool,
  boss: PgBoss,
  runs: Array<{ run: FlowRun; definition: Definition | null }>,
): Promise<number> {
  const flows = new Map<string, { instanceId: string; flowKey: string; limit: number }>();
  for (const { run, definition } of runs) {
    const limit = run.instance_id && definition ? concurrencyLimit(definition, run.flow_key) : null;
    if (limit !== null) flows.set(`${run.instance_id}:${run.flow_key}`, { instanceId: run.instance_id!, flowKey: run.flow_key, limit });
  }
  for (const f of flows.values()) await dispatchNext(pool, boss, f.instanceId, f.flowKey, f.limit);
  return flows.size;
}

export async function reapStaleRuns(pool: pg.Pool, boss: PgBoss, staleMs: number): Promise<Record<LostNext, number>> {
  const reaped = await withTransaction(pool, async (client) => {
    const stale = await staleRuns(client, staleMs);
    const decided = [];
    for (const run of stale) {
      const definition = await definitionOf(client, run);
      const rerun = run.crash_reruns < crashRerunLimit() && (!definition || rerunsAfterCrash(definition, run.flow_key));
      const retry = !run.synchronous && !run.is_test && run.attempt - run.crash_reruns < run.max_attempts;
      const next: LostNext = rerun ? "rerun" : retry ? "retry" : "fail";
      const error = JSON.stringify({ message: workerLost(run.attempt, run.worker_id, next === "fail" ? "none" : next), workerLost: true });
      decided.push({ run, definition, next, error });
    }
    await moveLostRuns(
      client,
      decided.map((d) => ({ id: d.run.id, attempt: d.run.attempt, next: d.next, error: d.error })),
    );
    await enqueueInTransaction(
      boss,
      client,
      decided.filter((d) => d.next !== "fail").map((d) => ({ executionId: d.run.id })),
    );
    return decided;
  });
  await dispatchLimitedFlows(pool, boss, reaped);
  const counts: Record<LostNext, number> = { rerun: 0, retry: 0, fail: 0 };
  for (const d of reaped) counts[d.next]++;
  return counts;
}

export async function sweepWaitingRuns(pool: pg.Pool, boss: PgBoss, graceMs: number): Promise<{ requeued: number; flows: number }> {
  const waiting = await longWaiting(pool, graceMs);
  if (waiting.length === 0) return { requeued: 0, flows: 0 };
  const live = await withLiveJob(
    pool,
    EXECUTION_QUEUE,
    waiting.map((w) => w.id),
    graceMs,
  );
  const orphans = await Promise.all(
    waiting.filter((w) => !live.has(w.id)).map(async (run) => ({ run, definition: await definitionOf(pool, run) })),
  );
  const limitedWaiting = (o: (typeof orphans)[number]) =>
    o.run.status === "queued" && !!o.run.instance_id && !!o.definition && concurrencyLimit(o.definition, o.run.flow_key) !== null;
  const requeue = orphans.filter((o) => !limitedWaiting(o));
  if (requeue.length) {
    await withTransaction(pool, (client) =>
      enqueueInTransaction(
        boss,
        client,
        requeue.map((o) => ({ executionId: o.run.id })),
      ),
    );
  }
  const flows = await dispatchLimitedFlows(pool, boss, orphans.filter(limitedWaiting));
  return { requeued: requeue.length, flows };
}

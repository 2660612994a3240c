/**
 * The bulk replay job: replays a bulk replay's originals (fixed at its creation, db/schema/bulk-replays.ts)
 * in batches, each run the way a single replay makes it (replayExecution: accepted means
 * committed), at most `per_second` new runs a second, and stops between batches when cancel is
 * asked.
 *
 * A pg-boss job works one slice (up to SLICE_MS) and queues the next: a job cut off by a crash
 * expires and is retried within minutes, not hours. One job at a time works a bulk replay (an
 * advisory lock; a retried job and a continuation may both exist). Each new run's id is chosen
 * and committed before the run is accepted, so a job picking up after a crash sees which of its
 * batch's runs exist and never replays an original twice.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { IngestBatcher } from "../executions/accept-batcher";
import { UnstorablePayloadError } from "../executions/unstorable";
import { replayExecution, ReplayError } from "../ingest/replay-execution";
import {
  beginBulkReplay,
  bulkReplayState,
  endBulkReplay,
  existingRuns,
  nextBatch,
  recordJobError,
  recordOutcomes,
  type Outcome,
} from "./bulk-replay-statements";

export const BULK_REPLAY_QUEUE = "bulk-replay";

/** new runs per batch at most; fewer when the rate is lower, so a cancel waits a second at most */
const BATCH = 50;
/** how long one job works before handing on to the next */
const SLICE_MS = 20_000;
/** advisory lock class of bulk replays (the second key is the bulk replay id's hash) */
const LOCK_CLASS = 0x4252;

export interface BulkReplayJob {
  bulkReplayId: string;
}

export interface BulkReplays {
  /** queues the job of a bulk replay just created */
  queue(bulkReplayId: string): Promise<void>;
  /** resolves once the slices working here have stopped (they hand on to a new job) */
  stop(): Promise<void>;
}

/** the default rate for bulk replays that give none (new runs a second) */
export const defaultPerSecond = () => Math.max(1, Number(process.env.JUNCTION_BULK_REPLAY_PER_SECOND ?? 10));

export async function createBulkReplays(options: {
  pool: pg.Pool;
  boss: PgBoss;
  batcher: IngestBatcher;
  /** work the queue in this process (processes that run executions) */
  work: boolean;
  sliceMs?: number;
}): Promise<BulkReplays> {
  const { pool, boss } = options;
  if (!(await boss.getQueue(BULK_REPLAY_QUEUE))) {
    await boss.createQueue(BULK_REPLAY_QUEUE, { name: BULK_REPLAY_QUEUE, retentionDays: 1 });
  }
  const send = (bulkReplayId: string) =>
    // a slice lasts SLICE_MS: one that has not ended in 2 minutes was cut off, and is retried
    boss.send(BULK_REPLAY_QUEUE, { bulkReplayId } satisfies BulkReplayJob, {
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 120,
    });

  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const workerId = options.work
    ? await boss.work<BulkReplayJob>(BULK_REPLAY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        const id = job!.data.bulkReplayId;
        // the handler's whole work, hand-on included: stop() waits for it
        const work = (async () => {
          if ((await workSlice(id)) === "more") await send(id);
        })();
        inFlight.add(work);
        try {
          await work;
        } finally {
          inFlight.delete(work);
        }
      })
    : undefined;

  /** one slice under the bulk replay's lock; "more" when it is left unfinished */
  async function workSlice(id: string): Promise<"done" | "more"> {
    const client = await pool.connect();
    try {
      const locked = (await client.query("select pg_try_advisory_lock($1, hashtext($2)) as ok", [LOCK_CLASS, id])).rows[0].ok;
      // another job works it, and hands on when it stops
      if (!locked) return "done";
      try {
        return await replaySlice(pool, options.batcher, id, {
          until: Date.now() + (options.sliceMs ?? SLICE_MS),
          stopping: () => stopping,
        });
      } catch (err) {
        await recordJobError(pool, id, (err as Error).message).catch(() => {});
        throw err;
      } finally {
        // released before the next job is queued: that job must find it free
        await client.query("select pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, id]);
      }
    } finally {
      client.release();
    }
  }

  return {
    async queue(bulkReplayId) {
      await send(bulkReplayId);
      if (workerId) boss.notifyWorker(workerId);
    },
    async stop() {
      stopping = true;
      if (workerId) await boss.offWork(BULK_REPLAY_QUEUE).catch(() => {});
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Replays batches until the bulk replay is done or canceled ("done"), or the slice's time is up
 * or the process stops ("more").
 */
export async function replaySlice(
  pool: pg.Pool,
  batcher: IngestBatcher,
  id: string,
  slice: { until: number; stopping: () => boolean },
): Promise<"done" | "more"> {
  let state = await beginBulkReplay(pool, id);
  while (state && state.status === "running") {
    if (state.cancel_requested) {
      await endBulkReplay(pool, id, "canceled");
      return "done";
    }
    if (slice.stopping() || Date.now() >= slice.until) return "more";
    const started = Date.now();
    const batch = await nextBatch(pool, id, Math.min(BATCH, state.per_second));
    if (batch.length === 0) {
      await endBulkReplay(pool, id, "completed");
      return "done";
    }
    const accepted = await existingRuns(
      pool,
      batch.map((b) => b.execution_id),
    );
    const settled = await Promise.allSettled(
      batch.map(async (item): Promise<Outcome> => {
        const ok = { position: item.position, outcome: "replayed" as const, error: null };
        if (accepted.has(item.execution_id)) return ok;
        try {
          await replayExecution(pool, batcher, {
            executionId: item.original_id,
            latestVersion: state!.latest_version,
            id: item.execution_id,
          });
          return ok;
        } catch (err) {
          // the run's own refusals fail only that run
          if (err instanceof ReplayError || err instanceof UnstorablePayloadError)
            return { position: item.position, outcome: "failed", error: err.message };
          throw err;
        }
      }),
    );
    await recordOutcomes(
      pool,
      id,
      settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])),
    );
    // anything else (the database gone) fails the slice, which is retried: the runs it did accept are found then
    const failure = settled.find((s) => s.status === "rejected");
    if (failure) throw failure.reason;
    // the throttle: this batch's share of a second at the bulk replay's rate
    const wait = (batch.length * 1000) / state.per_second - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    state = await bulkReplayState(pool, id);
  }
  return "done";
}

/**
 * Retention: step results and log lines older than JUNCTION_RETENTION_DAYS (default 14) are
 * deleted in small batches — each its own short statement, locking only the rows it deletes, so
 * workers writing new results never wait long — and their executions stay as summaries
 * (`pruned = true`: status, timing, error, trigger payload for replays).
 */
import type pg from "pg";
import { pruneBatch, type PruneTarget } from "../executions/store";

export const retentionDays = () => Number(process.env.JUNCTION_RETENTION_DAYS ?? 14);

export interface PruneResult {
  logs: number;
  steps: number;
  executions: number;
  batches: number;
}

async function inBatches(
  pool: pg.Pool,
  target: PruneTarget,
  cutoff: Date,
  batch: number,
  counted: (n: number) => void,
  shouldStop: () => boolean,
) {
  for (;;) {
    if (shouldStop()) return;
    const n = await pruneBatch(pool, target, cutoff, batch);
    counted(n);
    if (n < batch) return;
    // let other queries in between batches
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function pruneExecutions(
  pool: pg.Pool,
  options: { olderThan?: Date; batch?: number; shouldStop?: () => boolean } = {},
): Promise<PruneResult> {
  const cutoff = options.olderThan ?? new Date(Date.now() - retentionDays() * 86_400_000);
  const batch = options.batch ?? 5_000;
  const stop = options.shouldStop ?? (() => false);
  const result: PruneResult = { logs: 0, steps: 0, executions: 0, batches: 0 };
  for (const target of ["logs", "steps", "executions"] as const) {
    await inBatches(
      pool,
      target,
      cutoff,
      batch,
      (n) => {
        result[target] += n;
        result.batches++;
      },
      stop,
    );
  }
  return result;
}

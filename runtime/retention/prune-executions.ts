/**
 * Retention: step results and log lines older than JUNCTION_RETENTION_DAYS (default 14) are
 * deleted in small batches — each its own short statement, locking only the rows it deletes, so
 * workers writing new results never wait long — and their executions stay as summaries
 * (`pruned = true`: status, timing, error, trigger payload for replays).
 */
import type pg from "pg";

export const retentionDays = () => Number(process.env.JUNCTION_RETENTION_DAYS ?? 14);

export interface PruneResult {
  logs: number;
  steps: number;
  executions: number;
  batches: number;
}

async function inBatches(pool: pg.Pool, sql: string, params: unknown[], batch: number, counted: (n: number) => void, shouldStop: () => boolean) {
  for (;;) {
    if (shouldStop()) return;
    const r = await pool.query(sql, [...params, batch]);
    counted(r.rowCount ?? 0);
    if ((r.rowCount ?? 0) < batch) return;
    // let other queries in between batches
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function pruneExecutions(pool: pg.Pool, options: { olderThan?: Date; batch?: number; shouldStop?: () => boolean } = {}): Promise<PruneResult> {
  const cutoff = options.olderThan ?? new Date(Date.now() - retentionDays() * 86_400_000);
  const batch = options.batch ?? 5_000;
  const stop = options.shouldStop ?? (() => false);
  const result: PruneResult = { logs: 0, steps: 0, executions: 0, batches: 0 };
  const count = (key: "logs" | "steps" | "executions") => (n: number) => {
    result[key] += n;
    result.batches++;
  };
  await inBatches(
    pool,
    `delete from execution_logs where ctid = any(array(select ctid from execution_logs where created_at < $1 limit $2))`,
    [cutoff],
    batch,
    count("logs"),
    stop,
  );
  await inBatches(
    pool,
    `delete from step_results where ctid = any(array(select ctid from step_results where started_at < $1 limit $2))`,
    [cutoff],
    batch,
    count("steps"),
    stop,
  );
  await inBatches(
    pool,
    `update executions set pruned = true
      where id = any(array(select id from executions where queued_at < $1 and not pruned and status not in ('queued', 'running', 'retry_pending') limit $2))`,
    [cutoff],
    batch,
    count("executions"),
    stop,
  );
  return result;
}

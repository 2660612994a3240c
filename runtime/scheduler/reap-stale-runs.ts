/**
 * Runs whose worker died (SIGKILL, a crash, a lost machine) stop refreshing their heartbeat. The
 * leader finds them: an asynchronous run with attempts left is queued again at once as its next
 * attempt; any other is failed with the reason. Nothing stays "running" forever.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { enqueueInTransaction } from "../queue/enqueue";
import { CHANNELS } from "../queue/channels";

export async function reapStaleRuns(pool: pg.Pool, boss: PgBoss, staleMs: number): Promise<{ retried: number; failed: number }> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const stale = await client.query(
      `select id, attempt, max_attempts, synchronous, is_test, worker_id from executions
        where status = 'running' and heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)
        for update skip locked`,
      [staleMs],
    );
    const reason = (r: { attempt: number; worker_id: string | null }) =>
      JSON.stringify({ message: `the worker running attempt ${r.attempt} (${r.worker_id ?? "unknown"}) stopped mid-run (killed or crashed)` });
    const retry = stale.rows.filter((r) => !r.synchronous && !r.is_test && r.attempt < r.max_attempts);
    const fail = stale.rows.filter((r) => !retry.includes(r));
    for (const r of stale.rows) {
      await client.query(
        "update execution_attempts set status = 'failed', error = $3, finished_at = now() where execution_id = $1 and attempt = $2 and finished_at is null",
        [r.id, r.attempt, reason(r)],
      );
    }
    for (const r of retry) {
      await client.query("update executions set status = 'retry_pending', attempt = attempt + 1, error = $2, heartbeat_at = null where id = $1", [r.id, reason(r)]);
    }
    for (const r of fail) {
      await client.query(
        `update executions set status = 'failed', error = $2, finished_at = now(), heartbeat_at = null,
                duration_ms = (extract(epoch from now() - started_at) * 1000)::int where id = $1`,
        [r.id, reason(r)],
      );
      await client.query(`select pg_notify('${CHANNELS.done}', $1)`, [`${r.id}:failed`]);
    }
    await enqueueInTransaction(boss, client, retry.map((r) => ({ executionId: r.id })));
    await client.query("commit");
    return { retried: retry.length, failed: fail.length };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Concurrency per instance flow (`execution.concurrency`): parallel (default), sequential (one
 * run at a time, in arrival order) or throttled to N. A worker that claims a run of a limited
 * flow asks for admission under an advisory lock on the instance flow; refused, the run goes back
 * to `queued` without a job, and whoever finishes a run of that flow dispatches the oldest
 * waiting ones. Claims are idempotent, so an extra job for a run is harmless.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { PoolClient } from "pg";
import type { Definition } from "../definition";
import { enqueueInTransaction } from "../queue/enqueue";
import { flowOf } from "./retry-policy";

/** Runs at once for the flow; null when unlimited. */
export function concurrencyLimit(definition: Definition, flowKey: string): number | null {
  const c = flowOf(definition, flowKey)?.execution?.concurrency;
  if (!c || c.mode === "parallel") return null;
  return c.mode === "sequential" ? 1 : (c.limit ?? 1);
}

async function locked<T>(pool: pg.Pool, instanceId: string, flowKey: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext($1))", [`${instanceId}:${flowKey}`]);
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Queues jobs for the oldest waiting runs of the flow, as many as there are free slots. */
async function dispatchOldest(client: PoolClient, boss: PgBoss, instanceId: string, flowKey: string, free: number): Promise<void> {
  if (free <= 0) return;
  const waiting = await client.query(
    `select id from executions where instance_id = $1 and flow_key = $2 and status = 'queued' order by queued_at, id limit $3`,
    [instanceId, flowKey, free],
  );
  await enqueueInTransaction(boss, client, waiting.rows.map((r) => ({ executionId: r.id })));
}

const runningOthers = async (client: PoolClient, instanceId: string, flowKey: string, self: string) =>
  (await client.query(`select count(*)::int as n from executions where instance_id = $1 and flow_key = $2 and status = 'running' and id <> $3`, [instanceId, flowKey, self]))
    .rows[0].n as number;

/**
 * Whether a just-claimed run may go now. If not, the claim is undone (the run waits, queued, in
 * its place in line) and the runs that may go instead are dispatched.
 */
export async function admitRun(
  pool: pg.Pool,
  boss: PgBoss,
  run: { executionId: string; instanceId: string; flowKey: string; attempt: number },
  limit: number,
): Promise<boolean> {
  return locked(pool, run.instanceId, run.flowKey, async (client) => {
    const running = await runningOthers(client, run.instanceId, run.flowKey, run.executionId);
    const older = await client.query(
      `select 1 from executions e, executions me
        where me.id = $3 and e.instance_id = $1 and e.flow_key = $2 and e.status = 'queued' and (e.queued_at, e.id) < (me.queued_at, me.id) limit 1`,
      [run.instanceId, run.flowKey, run.executionId],
    );
    if (running < limit && older.rowCount === 0) return true;
    await client.query(
      `update executions set status = 'queued', heartbeat_at = null, worker_id = null, started_at = case when attempt = 1 then null else started_at end where id = $1`,
      [run.executionId],
    );
    await client.query("delete from execution_attempts where execution_id = $1 and attempt = $2", [run.executionId, run.attempt]);
    await dispatchOldest(client, boss, run.instanceId, run.flowKey, limit - running);
    return false;
  });
}

/** After a run of a limited flow ends: the next in line may start. */
export async function dispatchNext(pool: pg.Pool, boss: PgBoss, instanceId: string, flowKey: string, limit: number): Promise<void> {
  await locked(pool, instanceId, flowKey, async (client) => {
    const running = await runningOthers(client, instanceId, flowKey, "00000000-0000-0000-0000-000000000000");
    await dispatchOldest(client, boss, instanceId, flowKey, limit - running);
  });
}

/**
 * One minute's scheduled runs: every enabled instance flow whose schedule is due gets an
 * execution and its job, all in one transaction. The unique (instance, flow, minute) slot makes
 * a second firing of the same minute — by a new leader, say — a no-op.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { FixedSchedule } from "../definition";
import { enqueueInTransaction } from "../queue/enqueue";
import { isDue } from "./due";

export interface ScheduledFlow {
  instanceId: string;
  integrationId: string;
  versionId: string;
  customerId: string;
  flowKey: string;
  schedule: FixedSchedule;
}

export async function loadScheduledFlows(pool: pg.Pool): Promise<ScheduledFlow[]> {
  const r = await pool.query(
    `select f.instance_id, i.integration_id, i.version_id, i.customer_id, f.flow_key, f.schedule
       from instance_flows f join instances i on i.id = f.instance_id
      where i.enabled and f.schedule is not null`,
  );
  return r.rows.map((row) => ({
    instanceId: row.instance_id,
    integrationId: row.integration_id,
    versionId: row.version_id,
    customerId: row.customer_id,
    flowKey: row.flow_key,
    schedule: row.schedule,
  }));
}

export async function fireSchedules(
  pool: pg.Pool,
  boss: PgBoss,
  flows: ScheduledFlow[],
  minuteIndex: number,
  minuteMs: number,
): Promise<number> {
  const due = flows.filter((f) => {
    try {
      return isDue(f.schedule, minuteIndex);
    } catch {
      return false; // refused when configured; a bad row never stops the others
    }
  });
  if (due.length === 0) return 0;
  const scheduledAt = new Date(minuteIndex * minuteMs);
  const firedAt = new Date();
  const client = await pool.connect();
  try {
    await client.query("begin");
    const ids = due.map(() => randomUUID());
    const inserted = await client.query(
      `insert into executions (id, instance_id, integration_id, version_id, customer_id, flow_key, source, trigger_payload, scheduled_for)
       select id, instance_id, integration_id, version_id, customer_id, flow_key, 'schedule', $7::jsonb, $8
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[])
           as u(id, instance_id, integration_id, version_id, customer_id, flow_key)
       on conflict (instance_id, flow_key, scheduled_for) do nothing
       returning id`,
      [
        ids,
        due.map((f) => f.instanceId),
        due.map((f) => f.integrationId),
        due.map((f) => f.versionId),
        due.map((f) => f.customerId),
        due.map((f) => f.flowKey),
        JSON.stringify({ scheduledAt: scheduledAt.toISOString(), firedAt: firedAt.toISOString() }),
        scheduledAt,
      ],
    );
    // fired a little ahead of the minute: the jobs wait for it
    await enqueueInTransaction(boss, client, inserted.rows.map((r) => ({ executionId: r.id, startAfter: scheduledAt })));
    await client.query("commit");
    return inserted.rowCount ?? 0;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

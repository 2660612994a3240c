/**
 * One minute's scheduled runs: every enabled instance flow whose schedule is due gets an
 * execution and its job, all in one transaction. The unique (instance, flow, minute) slot makes
 * a second firing of the same minute — by a new leader, say — a no-op.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { FixedSchedule } from "../definition";
import { withTransaction } from "@/db/transaction";
import type { RunRequest } from "../executions/run-request";
import { acceptRequests } from "../executions/store";
import { isDue } from "./due";
import { markPollingFlows } from "../triggers/polling-flows";
import { sendPolls } from "../triggers/poll-queue";

export interface ScheduledFlow {
  instanceId: string;
  integrationId: string;
  versionId: string;
  customerId: string;
  flowKey: string;
  schedule: FixedSchedule;
  /** a polling component trigger: its schedule sends a poll job (runtime/triggers), not a run */
  poll?: true;
}

export async function loadScheduledFlows(pool: pg.Pool): Promise<ScheduledFlow[]> {
  const r = await pool.query(
    `select f.instance_id, i.integration_id, i.version_id, i.customer_id, f.flow_key, f.schedule
       from instance_flows f join instances i on i.id = f.instance_id
      where i.enabled and f.schedule is not null`,
  );
  return markPollingFlows(
    pool,
    r.rows.map((row) => ({
      instanceId: row.instance_id,
      integrationId: row.integration_id,
      versionId: row.version_id,
      customerId: row.customer_id,
      flowKey: row.flow_key,
      schedule: row.schedule,
    })),
  );
}

export async function fireSchedules(
  pool: pg.Pool,
  boss: PgBoss,
  flows: ScheduledFlow[],
  minuteIndex: number,
  minuteMs: number,
  /** the clock time the minute's schedules are read at (scheduler.ts) */
  clockMs = minuteIndex * 60_000,
): Promise<number> {
  const dueFlows = flows.filter((f) => {
    try {
      return isDue(f.schedule, clockMs);
    } catch {
      return false; // refused when configured; a bad row never stops the others
    }
  });
  // a poll's slot is claimed by the worker that runs it (runtime/triggers/run-poll.ts)
  await sendPolls(
    boss,
    dueFlows.filter((f) => f.poll),
    minuteIndex,
    minuteMs,
  );
  const due = dueFlows.filter((f) => !f.poll);
  if (due.length === 0) return 0;
  const scheduledAt = new Date(minuteIndex * minuteMs);
  const triggerPayload = { scheduledAt: scheduledAt.toISOString(), firedAt: new Date().toISOString() };
  const requests: RunRequest[] = due.map((f) => ({
    id: randomUUID(),
    instanceId: f.instanceId,
    integrationId: f.integrationId,
    versionId: f.versionId,
    customerId: f.customerId,
    flowKey: f.flowKey,
    source: "schedule",
    triggerPayload,
    scheduledFor: scheduledAt,
    // fired a little ahead of the minute: the jobs wait for it
    startAfter: scheduledAt,
  }));
  return (await withTransaction(pool, (client) => acceptRequests(boss, client, requests))).length;
}

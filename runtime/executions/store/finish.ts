/**
 * Ending an attempt: its outcome with the run's last rows in one statement, or the next attempt
 * scheduled. Each carries the attempt's fence: the write of an attempt that no longer owns the
 * run (its worker stalled past the stale time and the run went on elsewhere) changes nothing.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { executionAttempts, executions } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { CHANNELS } from "@/runtime/queue/channels";
import { enqueueInTransaction } from "@/runtime/queue/enqueue";
import { doneNoticeSql } from "../completion/done-notice";
import { endValues, openingCtes, openingValues, rowsCtes, rowsValues, type EndColumns, type PendingRows } from "./append";
import { fencedSql, type Fence } from "./claim";
import { col, p, sql, statement, type Queryable } from "./statement";

const e = executions;
const a = executionAttempts;
const fenced = fencedSql;
const endAttempt = sql`update ${a} set ${col(a.status)} = ${p("end_attempt_status")}, ${col(a.error)} = ${p("end_error")}::jsonb, ${col(a.finishedAt)} = now()
   where ${a.executionId} = ${p("f_id")} and ${a.attempt} = ${p("f_attempt")} and exists (select 1 from ended)`;

const finishStatement = statement(
  "run.finish",
  () => sql`with ended as (
     update ${e} set ${col(e.status)} = ${p("end_status")}, ${col(e.result)} = ${p("end_result")}::jsonb, ${col(e.resultBody)} = ${p("end_body")}::bytea,
                     ${col(e.resultMeta)} = ${p("end_meta")}::jsonb, ${col(e.error)} = ${p("end_error")}::jsonb, ${col(e.finishedAt)} = now(),
                     ${col(e.durationMs)} = (extract(epoch from now() - ${e.startedAt}) * 1000)::int, ${col(e.heartbeatAt)} = null
      where ${fenced}
      returning id, status, instance_id, integration_id
   ), ${rowsCtes(sql`exists (select 1 from ended)`)}, ea as (${endAttempt})
   select ${doneNoticeSql("ended")} from ended`,
);

const finishNewStatement = statement(
  "run.finish-new",
  () => sql`with ${openingCtes(true)}, ${rowsCtes(sql`true`)}
   select ${doneNoticeSql("opened")} from opened`,
);

/**
 * Records the outcome with the run's last rows, and notifies its end (one notice: whoever follows
 * the run's steps reads them again then). False when the attempt no longer owns the run.
 */
export async function finishRun(db: Queryable, rest: PendingRows, end: EndColumns): Promise<boolean> {
  const values = { ...rowsValues(rest), ...endValues(end) };
  if (rest.opening) {
    // a run that ended before its row was written: inserted as finished, in one statement
    await db.query(finishNewStatement({ ...values, ...openingValues(rest.opening) }));
    return true;
  }
  const r = await db.query(finishStatement(values));
  return r.rowCount === 1;
}

const retryStatement = statement(
  "run.schedule-retry",
  () => sql`with ended as (
     update ${e} set ${col(e.status)} = 'retry_pending', ${col(e.attempt)} = ${e.attempt} + 1, ${col(e.error)} = ${p("end_error")}::jsonb,
                     ${col(e.nextAttemptAt)} = ${p("retry_at")}::timestamptz, ${col(e.heartbeatAt)} = null
      where ${fenced}
      returning id, instance_id, integration_id
   ), ${rowsCtes(sql`exists (select 1 from ended)`)}, ea as (${endAttempt})
   -- alert monitors watch for failed attempts with a retry pending (sync waiters ignore this status)
   select ${doneNoticeSql("ended", sql`'retry_pending'`)}, pg_notify(${sql.raw(`'${CHANNELS.events}'`)}, ended.id::text) from ended`,
);

/** The attempt failed with retries left: recorded, and the next one queued for `retryAt`. False when the attempt no longer owns the run. */
export async function scheduleRetry(pool: pg.Pool, boss: PgBoss, rest: PendingRows, error: string | null, retryAt: Date): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const values = {
      ...rowsValues(rest),
      ...endValues({ status: "retry_pending", result: null, resultBody: null, meta: null, error, attemptStatus: "failed" }),
    };
    const r = await client.query(retryStatement({ ...values, retry_at: retryAt }));
    if (r.rowCount !== 1) return false;
    await enqueueInTransaction(boss, client, [{ executionId: rest.fence.executionId, startAfter: retryAt }]);
    return true;
  });
}

const heartbeatStatement = statement("run.heartbeat", () => sql`update ${e} set ${col(e.heartbeatAt)} = now() where ${fenced}`);

/** Refreshes the run's heartbeat; false when the attempt no longer owns the run. */
export async function heartbeat(db: Queryable, fence: Fence): Promise<boolean> {
  const r = await db.query(heartbeatStatement({ f_id: fence.executionId, f_attempt: fence.attempt, f_worker: fence.workerId }));
  return r.rowCount === 1;
}

/**
 * Appending a run's step results, log lines and Persist Data writes: CTEs over `unnest` arrays,
 * written alone by the sink (a batch) or with the statement that ends the run. A batch of a run
 * whose row is not written yet (a direct run, open-execution) opens the row in the same
 * statement. Every other batch carries the attempt's fence and is dropped when another attempt
 * owns the run.
 */
import type { SQL } from "drizzle-orm";
import { executionAttempts, executionLogs, executions, persistedData, stepResults } from "@/db/schema";
import type { LogEvent } from "@/runtime/executor";
import { CHANNELS } from "@/runtime/queue/channels";
import { CANCELED_BY_NEWER } from "../end-reasons";
import type { RunRequest } from "../run-request";
import { textSafe } from "../stored-json";
import { fencedSql, type Fence } from "./claim";
import { col, p, sql, statement, type Queryable } from "./statement";

const MAX_LOG_CHARS = Number(process.env.JUNCTION_MAX_LOG_LINE_KB ?? 64) * 1024;

export interface StepRow {
  stepKey: string;
  iteration: number[];
  status: string;
  inputs: string | null;
  result: string | null;
  resultSize: number;
  error: string | null;
  /** a Date, or an ISO timestamp to the microsecond (execution-sink.ts) */
  startedAt: Date | string;
  durationMs: number;
}

/** a Persist Data write: the value as stored JSON, or null to delete the key */
export interface StateWrite {
  flowKey: string;
  key: string;
  value: string | null;
}

/** a direct run's row, not written yet: it goes with the run's first batch or its outcome */
export interface OpeningRow {
  row: RunRequest;
  workerId: string;
  startedAt: Date;
}

export interface PendingRows {
  fence: Fence;
  /** whose persisted data `state` changes (an instance, or a test run's integration) */
  stateOwnerId: string | null;
  steps: StepRow[];
  logs: LogEvent[];
  /** one write per key (a statement may not change a row twice) */
  state: StateWrite[];
  opening: OpeningRow | null;
}

const e = executions;
const a = executionAttempts;

/** the fence's row, while this attempt owns it */
const ownerSql = sql`select 1 from ${e} where ${fencedSql}`;

/** CTEs `s`, `l`, `ps`, `pd` inserting the rows and applying the state writes, when `guard` holds */
export function rowsCtes(guard: SQL): SQL {
  const s = stepResults;
  const l = executionLogs;
  const d = persistedData;
  return sql`s as (
       insert into ${s} (${col(s.executionId)}, ${col(s.attempt)}, ${col(s.stepKey)}, ${col(s.iteration)}, ${col(s.status)}, ${col(s.inputs)}, ${col(s.result)},
                         ${col(s.resultSize)}, ${col(s.error)}, ${col(s.startedAt)}, ${col(s.durationMs)})
       select ${p("f_id")}::uuid, ${p("f_attempt")}::smallint, k, i::int[], st, inp, res, sz, err, sa, dur
         from unnest(${p("s_key")}::text[], ${p("s_iteration")}::text[], ${p("s_status")}::text[], ${p("s_inputs")}::jsonb[], ${p("s_result")}::jsonb[],
                     ${p("s_size")}::int[], ${p("s_error")}::jsonb[], ${p("s_started")}::timestamptz[], ${p("s_duration")}::int[])
           as u(k, i, st, inp, res, sz, err, sa, dur)
        where ${guard}
     ), l as (
       insert into ${l} (${col(l.executionId)}, ${col(l.attempt)}, ${col(l.stepKey)}, ${col(l.level)}, ${col(l.message)}, ${col(l.createdAt)})
       select ${p("f_id")}::uuid, ${p("f_attempt")}::smallint, k, lv, m, at
         from unnest(${p("l_step")}::text[], ${p("l_level")}::text[], ${p("l_message")}::text[], ${p("l_at")}::timestamptz[]) as u(k, lv, m, at)
        where ${guard}
     ), ps as (
       insert into ${d} (${col(d.ownerId)}, ${col(d.flowKey)}, ${col(d.key)}, ${col(d.value)}, ${col(d.updatedAt)})
       select ${p("d_owner")}::uuid, f, k, v, now() from unnest(${p("d_flow")}::text[], ${p("d_key")}::text[], ${p("d_value")}::jsonb[]) as u(f, k, v)
        where ${guard}
       on conflict (${col(d.ownerId)}, ${col(d.flowKey)}, ${col(d.key)}) do update set ${col(d.value)} = excluded.value, ${col(d.updatedAt)} = now()
     ), pd as (
       delete from ${d}
        where ${d.ownerId} = ${p("d_owner")}::uuid and (${d.flowKey}, ${d.key}) in (select f, k from unnest(${p("x_flow")}::text[], ${p("x_key")}::text[]) as u(f, k))
          and ${guard}
     )`;
}

export function rowsValues(r: PendingRows): Record<string, unknown> {
  const sets = r.state.filter((w) => w.value !== null);
  const deletes = r.state.filter((w) => w.value === null);
  return {
    f_id: r.fence.executionId,
    f_attempt: r.fence.attempt,
    f_worker: r.fence.workerId,
    s_key: r.steps.map((s) => s.stepKey),
    // int[][] cannot be ragged: iterations travel as text ("{1,2}") and are cast per row
    s_iteration: r.steps.map((s) => `{${s.iteration.join(",")}}`),
    s_status: r.steps.map((s) => s.status),
    s_inputs: r.steps.map((s) => s.inputs),
    s_result: r.steps.map((s) => s.result),
    s_size: r.steps.map((s) => s.resultSize),
    s_error: r.steps.map((s) => s.error),
    s_started: r.steps.map((s) => s.startedAt),
    s_duration: r.steps.map((s) => s.durationMs),
    l_step: r.logs.map((l) => l.stepKey),
    l_level: r.logs.map((l) => l.level),
    l_message: r.logs.map((l) =>
      textSafe(
        l.message.length > MAX_LOG_CHARS ? `${l.message.slice(0, MAX_LOG_CHARS)}… [${l.message.length} characters, truncated]` : l.message,
      ),
    ),
    l_at: r.logs.map((l) => new Date(l.at)),
    d_owner: r.stateOwnerId,
    d_flow: sets.map((w) => w.flowKey),
    d_key: sets.map((w) => w.key),
    d_value: sets.map((w) => w.value),
    x_flow: deletes.map((w) => w.flowKey),
    x_key: deletes.map((w) => w.key),
  };
}

/** how a run ended, as the outcome statements store it */
export interface EndColumns {
  status: string;
  result: string | null;
  resultBody: Buffer | null;
  meta: string | null;
  error: string | null;
  attemptStatus: string;
}

/**
 * CTEs `canceled`, `opened`, `opened_attempt` inserting a direct run's execution and its first
 * attempt, running or, with `ended`, finished. Like accepting, a newer invocation with a
 * cancelation key cancels the pending retries of older executions. `opened` returns id, status,
 * instance_id, integration_id.
 */
export function openingCtes(ended: boolean): SQL {
  const started = sql`${p("o_started")}::timestamptz`;
  const state = ended
    ? sql`${p("end_status")}, null, ${p("end_result")}::jsonb, ${p("end_body")}::bytea, ${p("end_meta")}::jsonb, ${p("end_error")}::jsonb, now(),
          (extract(epoch from now() - ${started}) * 1000)::int`
    : sql`'running', now(), null, null, null, null, null, null`;
  return sql`canceled as (
       update ${e} set ${col(e.status)} = 'canceled', ${col(e.finishedAt)} = now(),
              ${col(e.error)} = jsonb_build_object('message', ${sql.raw(`'${CANCELED_BY_NEWER}'`)}::text, 'canceledBy', ${p("f_id")}::uuid)
        where ${p("o_key")}::text is not null and ${e.status} = 'retry_pending' and ${e.instanceId} = ${p("o_instance")}::uuid
          and ${e.flowKey} = ${p("o_flow")}::text and ${e.cancelationKey} = ${p("o_key")}::text
     ), opened as (
       insert into ${e} (${col(e.id)}, ${col(e.instanceId)}, ${col(e.integrationId)}, ${col(e.versionId)}, ${col(e.customerId)}, ${col(e.flowKey)}, ${col(e.source)},
                         ${col(e.synchronous)}, ${col(e.triggerPayload)}, ${col(e.triggerBody)}, ${col(e.cancelationKey)}, ${col(e.maxAttempts)}, ${col(e.queuedAt)},
                         ${col(e.startedAt)}, ${col(e.workerId)}, ${col(e.status)}, ${col(e.heartbeatAt)}, ${col(e.result)}, ${col(e.resultBody)}, ${col(e.resultMeta)},
                         ${col(e.error)}, ${col(e.finishedAt)}, ${col(e.durationMs)})
       values (${p("f_id")}::uuid, ${p("o_instance")}::uuid, ${p("o_integration")}::uuid, ${p("o_version")}::uuid, ${p("o_customer")}::uuid, ${p("o_flow")}::text,
               ${p("o_source")}::text, true, ${p("o_payload")}::jsonb, ${p("o_body")}::bytea, ${p("o_key")}::text, 1, ${started}, ${started}, ${p("f_worker")}::text,
               ${state})
       returning id, status, instance_id, integration_id
     ), opened_attempt as (
       insert into ${a} (${col(a.executionId)}, ${col(a.attempt)}, ${col(a.status)}, ${col(a.workerId)}, ${col(a.startedAt)}, ${col(a.error)}, ${col(a.finishedAt)})
       values (${p("f_id")}::uuid, 1, ${ended ? sql`${p("end_attempt_status")}::text` : sql`'running'`}, ${p("f_worker")}::text, ${started},
               ${ended ? sql`${p("end_error")}::jsonb` : sql`null`}, ${ended ? sql`now()` : sql`null`})
     )`;
}

export function openingValues(o: OpeningRow): Record<string, unknown> {
  const r = o.row;
  return {
    o_instance: r.instanceId,
    o_integration: r.integrationId,
    o_version: r.versionId,
    o_customer: r.customerId,
    o_flow: r.flowKey,
    o_source: r.source,
    o_payload: JSON.stringify(r.triggerPayload),
    o_body: r.triggerBody ?? null,
    o_key: r.cancelationKey ?? null,
    o_started: o.startedAt,
  };
}

export function endValues(end: EndColumns): Record<string, unknown> {
  return {
    end_status: end.status,
    end_result: end.result,
    end_body: end.resultBody,
    end_meta: end.meta,
    end_error: end.error,
    end_attempt_status: end.attemptStatus,
  };
}

const events = sql.raw(`'${CHANNELS.events}'`);

const appendStatement = statement(
  "run.append",
  () => sql`with owner as (${ownerSql}), ${rowsCtes(sql`exists (select 1 from owner)`)}
  select pg_notify(${events}, ${p("f_id")}::text), exists (select 1 from owner) as owned`,
);

const openAndAppendStatement = statement(
  "run.open-append",
  () => sql`with ${openingCtes(false)}, ${rowsCtes(sql`true`)}
  select pg_notify(${events}, ${p("f_id")}::text), true as owned`,
);

/**
 * Writes a batch (opening the row first when it is not written yet); false when the attempt no
 * longer owns the run — then nothing was written.
 */
export async function appendRows(db: Queryable, batch: PendingRows): Promise<boolean> {
  const values = rowsValues(batch);
  const r = await db.query(
    batch.opening ? openAndAppendStatement({ ...values, ...openingValues(batch.opening) }) : appendStatement(values),
  );
  return r.rows[0]?.owned === true;
}

/**
 * The executor's sink in production: step results, log lines and Persist Data writes are buffered
 * and written in batches (one statement each), then announced with NOTIFY so open execution pages
 * and the designer's test pane update live, from whichever process is watching. What is left when
 * the run ends goes in the statement that records its outcome (`takeRest`, run-execution.ts), so
 * a short run's state changes commit with its outcome, in one transaction.
 */
import type pg from "pg";
import type { ExecutionSink, LogEvent, StepFinishedEvent } from "../executor";
import { CHANNELS } from "../queue/channels";
import { openingCtes, type OpeningRow } from "./open-execution";
import { jsonbSafe, textSafe, toStoredJson } from "./stored-json";

const MAX_LOG_CHARS = Number(process.env.JUNCTION_MAX_LOG_LINE_KB ?? 64) * 1024;

interface StepRow {
  stepKey: string;
  iteration: number[];
  status: string;
  inputs: string | null;
  result: string | null;
  resultSize: number;
  error: string | null;
  startedAt: Date;
  durationMs: number;
}

/** a Persist Data write: the value as stored JSON, or null to delete the key */
export interface StateWrite {
  flowKey: string;
  key: string;
  value: string | null;
}

export interface DbSink extends ExecutionSink {
  /** buffers a Persist Data write; a later write of the same key replaces it */
  writeState(w: StateWrite): void;
  /** writes what is buffered, the execution's own row included, and resolves once it is committed */
  record(): Promise<void>;
  /** stops writing and hands over what is not written yet, once earlier writes are done */
  takeRest(): Promise<PendingRows>;
}

export interface PendingRows {
  executionId: string;
  attempt: number;
  /** whose persisted data `state` changes (an instance, or a test run's integration) */
  stateOwnerId: string | null;
  steps: StepRow[];
  logs: LogEvent[];
  state: StateWrite[];
  /** the execution's row, while it is not written yet (open-execution.ts) */
  opening: OpeningRow | null;
}

/**
 * CTEs (`s`, `l`, `ps`, `pd`) inserting the rows and applying the state writes, with parameters
 * numbered from `first`: the sink writes them alone, and a run's last rows go in the statement
 * that records its outcome. The state writes hold one write per key (the sink keeps the last), as
 * one statement may not change a row twice.
 */
export function insertRows(r: PendingRows, first: number): { ctes: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  const sets = r.state.filter((w) => w.value !== null);
  const deletes = r.state.filter((w) => w.value === null);
  return {
    ctes: `s as (
         insert into step_results (execution_id, attempt, step_key, iteration, status, inputs, result, result_size, error, started_at, duration_ms)
         select ${p(0)}, ${p(1)}, k, i::int[], st, inp, res, sz, err, sa, dur
           from unnest(${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::jsonb[], ${p(6)}::jsonb[], ${p(7)}::int[], ${p(8)}::jsonb[], ${p(9)}::timestamptz[], ${p(10)}::int[])
             as u(k, i, st, inp, res, sz, err, sa, dur)
       ), l as (
         insert into execution_logs (execution_id, attempt, step_key, level, message, created_at)
         select ${p(0)}, ${p(1)}, k, lv, m, at from unnest(${p(11)}::text[], ${p(12)}::text[], ${p(13)}::text[], ${p(14)}::timestamptz[]) as u(k, lv, m, at)
       ), ps as (
         insert into persisted_data (owner_id, flow_key, key, value, updated_at)
         select ${p(15)}::uuid, f, k, v, now() from unnest(${p(16)}::text[], ${p(17)}::text[], ${p(18)}::jsonb[]) as u(f, k, v)
         on conflict (owner_id, flow_key, key) do update set value = excluded.value, updated_at = now()
       ), pd as (
         delete from persisted_data
          where owner_id = ${p(15)}::uuid and (flow_key, key) in (select f, k from unnest(${p(19)}::text[], ${p(20)}::text[]) as u(f, k))
       )`,
    params: [
      r.executionId,
      r.attempt,
      r.steps.map((s) => s.stepKey),
      // int[][] cannot be ragged: iterations travel as text ("{1,2}") and are cast per row
      r.steps.map((s) => `{${s.iteration.join(",")}}`),
      r.steps.map((s) => s.status),
      r.steps.map((s) => s.inputs),
      r.steps.map((s) => s.result),
      r.steps.map((s) => s.resultSize),
      r.steps.map((s) => s.error),
      r.steps.map((s) => s.startedAt),
      r.steps.map((s) => s.durationMs),
      r.logs.map((l) => l.stepKey),
      r.logs.map((l) => l.level),
      r.logs.map((l) => textSafe(l.message.length > MAX_LOG_CHARS ? `${l.message.slice(0, MAX_LOG_CHARS)}… [${l.message.length} characters, truncated]` : l.message)),
      r.logs.map((l) => new Date(l.at)),
      r.stateOwnerId,
      sets.map((w) => w.flowKey),
      sets.map((w) => w.key),
      sets.map((w) => w.value),
      deletes.map((w) => w.flowKey),
      deletes.map((w) => w.key),
    ],
  };
}

export function createDbSink(
  pool: pg.Pool,
  executionId: string,
  attempt: number,
  stateOwnerId: string | null,
  opening: OpeningRow | null = null,
  flushEveryMs = 100,
): DbSink {
  let steps: StepRow[] = [];
  let logs: LogEvent[] = [];
  /** by flow and key: the last write wins */
  let state = new Map<string, StateWrite>();
  let pending: Promise<void> = Promise.resolve();
  // the batches' own failures are logged where they are caught: these callers only start them
  const kick = () => void flush().catch(() => undefined);
  const timer = setInterval(kick, flushEveryMs);
  timer.unref();
  const stateKey = (w: StateWrite) => `${w.flowKey}\u0000${w.key}`;

  /** one statement per batch: the execution's row (the first time), the inserts, the state writes and the NOTIFY */
  async function write(batch: PendingRows) {
    const open = batch.opening ? openingCtes(batch.opening, 1) : { ctes: "", params: [] };
    const rows = insertRows(batch, 1 + open.params.length);
    await pool.query({
      name: batch.opening ? "junction.run.open-write-rows" : "junction.run.write-rows",
      text: `with ${open.ctes ? `${open.ctes}, ` : ""}${rows.ctes} select pg_notify('${CHANNELS.events}', $1::text)`,
      values: [...open.params, ...rows.params],
    });
  }

  function flush(): Promise<void> {
    if (steps.length === 0 && logs.length === 0 && state.size === 0 && !opening) return pending;
    const batch = { executionId, attempt, stateOwnerId, steps, logs, state: [...state.values()], opening };
    steps = [];
    logs = [];
    state = new Map();
    opening = null;
    // writes stay in order: each batch waits for the one before
    const written = pending.then(() => write(batch));
    pending = written.catch((err) => {
      console.error(`[worker] writing step results of ${executionId}: ${(err as Error).message}`);
      // the row and state writes are not dropped: they go again with the next batch (unless written anew since)
      opening ??= batch.opening;
      for (const w of batch.state) if (!state.has(stateKey(w))) state.set(stateKey(w), w);
    });
    return written;
  }

  return {
    stepFinished(e: StepFinishedEvent) {
      steps.push({
        stepKey: e.stepKey,
        iteration: e.loopPath.map((l) => l.index),
        status: e.status,
        inputs: toStoredJson(e.inputs),
        result: toStoredJson(e.result?.data),
        resultSize: e.resultBytes,
        error: e.error ? jsonbSafe(JSON.stringify(e.error)) : null,
        startedAt: new Date(Date.now() - e.durationMs),
        durationMs: Math.round(e.durationMs),
      });
      if (steps.length >= 500) kick();
    },
    log(e: LogEvent) {
      logs.push(e);
      if (logs.length >= 500) kick();
    },
    writeState(w: StateWrite) {
      const k = stateKey(w);
      state.delete(k); // re-inserted last, so writes keep their order
      state.set(k, w);
      if (state.size >= 500) kick();
    },
    async record() {
      // a batch in flight that fails puts the row back: then it is written again here
      do await flush();
      while (opening);
    },
    async takeRest() {
      clearInterval(timer);
      await pending;
      const rest = { executionId, attempt, stateOwnerId, steps, logs, state: [...state.values()], opening };
      steps = [];
      logs = [];
      state = new Map();
      opening = null;
      return rest;
    },
  };
}

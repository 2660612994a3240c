/**
 * The executor's sink in production: step results and log lines are buffered and written in
 * batches (one multi-row insert each), then announced with NOTIFY so open execution pages and the
 * designer's test pane update live, from whichever process is watching. What is left when the
 * run ends goes in the statement that records its outcome (`takeRest`, run-execution.ts).
 */
import type pg from "pg";
import type { ExecutionSink, LogEvent, StepFinishedEvent } from "../executor";
import { CHANNELS } from "../queue/channels";
import { toStoredJson } from "./stored-json";

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

export interface DbSink extends ExecutionSink {
  /** stops writing and hands over what is not written yet, once earlier writes are done */
  takeRest(): Promise<PendingRows>;
}

export interface PendingRows {
  executionId: string;
  attempt: number;
  steps: StepRow[];
  logs: LogEvent[];
}

/**
 * Two CTEs (`s`, `l`) inserting the rows, with parameters numbered from `first`: the sink writes
 * them alone, and a run's last rows go in the statement that records its outcome.
 */
export function insertRows(r: PendingRows, first: number): { ctes: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    ctes: `s as (
         insert into step_results (execution_id, attempt, step_key, iteration, status, inputs, result, result_size, error, started_at, duration_ms)
         select ${p(0)}, ${p(1)}, k, i::int[], st, inp, res, sz, err, sa, dur
           from unnest(${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::jsonb[], ${p(6)}::jsonb[], ${p(7)}::int[], ${p(8)}::jsonb[], ${p(9)}::timestamptz[], ${p(10)}::int[])
             as u(k, i, st, inp, res, sz, err, sa, dur)
       ), l as (
         insert into execution_logs (execution_id, attempt, step_key, level, message, created_at)
         select ${p(0)}, ${p(1)}, k, lv, m, at from unnest(${p(11)}::text[], ${p(12)}::text[], ${p(13)}::text[], ${p(14)}::timestamptz[]) as u(k, lv, m, at)
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
      r.logs.map((l) => (l.message.length > MAX_LOG_CHARS ? `${l.message.slice(0, MAX_LOG_CHARS)}… [${l.message.length} characters, truncated]` : l.message)),
      r.logs.map((l) => new Date(l.at)),
    ],
  };
}

export function createDbSink(pool: pg.Pool, executionId: string, attempt: number, flushEveryMs = 100): DbSink {
  let steps: StepRow[] = [];
  let logs: LogEvent[] = [];
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), flushEveryMs);
  timer.unref();

  /** one statement per batch: both inserts and the NOTIFY */
  async function write(stepBatch: StepRow[], logBatch: LogEvent[]) {
    const rows = insertRows({ executionId, attempt, steps: stepBatch, logs: logBatch }, 1);
    await pool.query({ name: "junction.run.write-rows", text: `with ${rows.ctes} select pg_notify('${CHANNELS.events}', $1::text)`, values: rows.params });
  }

  function flush(): Promise<void> {
    if (steps.length === 0 && logs.length === 0) return pending;
    const s = steps;
    const l = logs;
    steps = [];
    logs = [];
    // writes stay in order: each batch waits for the one before
    pending = pending.then(() => write(s, l)).catch((err) => console.error(`[worker] writing step results of ${executionId}: ${(err as Error).message}`));
    return pending;
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
        error: e.error ? JSON.stringify(e.error) : null,
        startedAt: new Date(Date.now() - e.durationMs),
        durationMs: Math.round(e.durationMs),
      });
      if (steps.length >= 500) void flush();
    },
    log(e: LogEvent) {
      logs.push(e);
      if (logs.length >= 500) void flush();
    },
    async takeRest() {
      clearInterval(timer);
      await pending;
      const rest = { executionId, attempt, steps, logs };
      steps = [];
      logs = [];
      return rest;
    },
  };
}

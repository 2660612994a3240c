/**
 * The executor's sink in production: step results and log lines are buffered and written in
 * batches (one multi-row insert each), then announced with NOTIFY so open execution pages and the
 * designer's test pane update live, from whichever process is watching.
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
  flush(): Promise<void>;
  close(): Promise<void>;
  /** the log lines written, by level: alert monitors look at the worst */
  worstLogLevel(): string | null;
}

const LEVELS = ["debug", "info", "warn", "error"];

export function createDbSink(pool: pg.Pool, executionId: string, attempt: number, flushEveryMs = 100): DbSink {
  let steps: StepRow[] = [];
  let logs: LogEvent[] = [];
  let worst = -1;
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => void flush(), flushEveryMs);
  timer.unref();

  /** one statement per batch: both inserts and the NOTIFY */
  async function write(stepBatch: StepRow[], logBatch: LogEvent[]) {
    await pool.query(
      `with s as (
         insert into step_results (execution_id, attempt, step_key, iteration, status, inputs, result, result_size, error, started_at, duration_ms)
         select $1, $2, k, i::int[], st, inp, res, sz, err, sa, dur
           from unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::int[], $9::jsonb[], $10::timestamptz[], $11::int[])
             as u(k, i, st, inp, res, sz, err, sa, dur)
       ), l as (
         insert into execution_logs (execution_id, attempt, step_key, level, message, created_at)
         select $1, $2, k, lv, m, at from unnest($12::text[], $13::text[], $14::text[], $15::timestamptz[]) as u(k, lv, m, at)
       )
       select pg_notify('${CHANNELS.events}', $1::text)`,
      [
        executionId,
        attempt,
        stepBatch.map((s) => s.stepKey),
        // int[][] cannot be ragged: iterations travel as text ("{1,2}") and are cast per row
        stepBatch.map((s) => `{${s.iteration.join(",")}}`),
        stepBatch.map((s) => s.status),
        stepBatch.map((s) => s.inputs),
        stepBatch.map((s) => s.result),
        stepBatch.map((s) => s.resultSize),
        stepBatch.map((s) => s.error),
        stepBatch.map((s) => s.startedAt),
        stepBatch.map((s) => s.durationMs),
        logBatch.map((l) => l.stepKey),
        logBatch.map((l) => l.level),
        logBatch.map((l) => (l.message.length > MAX_LOG_CHARS ? `${l.message.slice(0, MAX_LOG_CHARS)}… [${l.message.length} characters, truncated]` : l.message)),
        logBatch.map((l) => new Date(l.at)),
      ],
    );
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
      worst = Math.max(worst, LEVELS.indexOf(e.level));
      if (logs.length >= 500) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
    worstLogLevel: () => (worst >= 0 ? LEVELS[worst]! : null),
  };
}

/**
 * The executor's sink in production: step results, log lines and Persist Data writes are buffered
 * and written in batches (one statement each, store/append.ts), then announced with NOTIFY so open
 * execution pages and the designer's test pane update live, from whichever process is watching.
 * What is left when the run ends goes in the statement that records its outcome (`takeRest`,
 * run-attempt.ts), so a short run's state changes commit with its outcome, in one transaction.
 * Each batch carries the attempt's fence: refused, the sink reports the run lost (`onLost`).
 */
import type pg from "pg";
import type { ExecutionSink, LogEvent, StepFinishedEvent } from "../executor";
import { appendRows, type Fence, type OpeningRow, type PendingRows, type StateWrite, type StepRow } from "./store";
import { jsonbSafe, toStoredJson } from "./stored-json";

export type { PendingRows, StateWrite };

export interface DbSink extends ExecutionSink {
  /** buffers a Persist Data write; a later write of the same key replaces it */
  writeState(w: StateWrite): void;
  /** writes what is buffered, the execution's own row included, and resolves once it is committed */
  record(): Promise<void>;
  /** whether the execution's row is written (a direct run's is not, until its first batch) */
  opened(): boolean;
  /** stops writing and hands over what is not written yet, once earlier writes are done */
  takeRest(): Promise<PendingRows>;
}

export function createDbSink(
  pool: pg.Pool,
  fence: Fence,
  stateOwnerId: string | null,
  options: { opening?: OpeningRow | null; onLost?: () => void; flushEveryMs?: number } = {},
): DbSink {
  const { executionId } = fence;
  let opening = options.opening ?? null;
  let rowWritten = opening === null;
  let steps: StepRow[] = [];
  let logs: LogEvent[] = [];
  /** by flow and key: the last write wins */
  let state = new Map<string, StateWrite>();
  let pending: Promise<void> = Promise.resolve();
  // the batches' own failures are logged where they are caught: these callers only start them
  const kick = () => void flush().catch(() => undefined);
  const timer = setInterval(kick, options.flushEveryMs ?? 100);
  timer.unref();
  const stateKey = (w: StateWrite) => `${w.flowKey}\u0000${w.key}`;
  // Step starts to the microsecond on a clock that only moves forward within the run: in whole
  // milliseconds a branch and the step inside it (or two quick steps) tie, and the timeline
  // showed them in a different order from one run to the next.
  const wallAtStart = Date.now();
  const clockAtStart = performance.now();
  const startOf = (durationMs: number) => preciseTime(wallAtStart + (performance.now() - clockAtStart) - durationMs);

  /** one statement per batch: the execution's row (the first time), the inserts, the state writes and the NOTIFY */
  async function write(batch: PendingRows) {
    if (!(await appendRows(pool, batch))) options.onLost?.();
    if (batch.opening) rowWritten = true;
  }

  function flush(): Promise<void> {
    if (steps.length === 0 && logs.length === 0 && state.size === 0 && !opening) return pending;
    const batch: PendingRows = { fence, stateOwnerId, steps, logs, state: [...state.values()], opening };
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
        startedAt: startOf(e.durationMs),
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
    opened: () => rowWritten,
    async record() {
      // a batch in flight that fails puts the row back: then it is written again here
      do await flush();
      while (opening);
    },
    async takeRest() {
      clearInterval(timer);
      await pending;
      const rest: PendingRows = { fence, stateOwnerId, steps, logs, state: [...state.values()], opening };
      steps = [];
      logs = [];
      state = new Map();
      opening = null;
      return rest;
    },
  };
}

/** an epoch time in (fractional) milliseconds as an ISO timestamp to the microsecond, as PostgreSQL keeps it */
export function preciseTime(ms: number): string {
  const micros = Math.round(ms * 1000);
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, -1)}${String(((micros % 1000) + 1000) % 1000).padStart(3, "0")}Z`;
}

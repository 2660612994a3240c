/**
 * One attempt of one execution on this worker: claim it (or, for a direct run, start it with no
 * statement), run the executor with a database sink, record the outcome — or, for a failed
 * asynchronous run with retries left, schedule the next attempt.
 *
 * The attempt is fenced (store/claim.ts): its heartbeats, batches and outcome carry its attempt
 * number and worker id. When one is refused — the worker stalled past the stale time, the reaper
 * gave the run to another attempt — the run is aborted before its next step and its outcome is
 * dropped: the newer attempt's stands.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner } from "@/components-registry/contract";
import { executeFlow, type ExecutionLimits, type RunOutcome } from "../executor";
import { createDbSink, type DbSink, type PendingRows } from "./execution-sink";
import { admitRun, dispatchNext, limitOf } from "./flow-concurrency";
import { admitByRate } from "./rate-limit";
import { resolveConnections } from "../oauth2/run-connections";
import { responseProblem } from "./response-headers";
import { flowOf, furtherAttempts, retryDelayMs } from "./retry-policy";
import { createStateStore } from "./state-store";
import { claimRun, directRunContext, UnreadableRunError, type DirectRunFacts, type RunContext } from "./run-context";
import type { RunRequest } from "./run-request";
import { finishRun, heartbeat, scheduleRetry, type EndColumns, type Fence, type OpeningRow, type StoredOutcome } from "./store";
import { resultColumns, type ResultColumns } from "./result-columns";
import { jsonbSafe } from "./stored-json";

export interface RunDeps {
  pool: pg.Pool;
  boss: PgBoss;
  runner: ActionRunner;
  workerId: string;
  limits?: Partial<ExecutionLimits>;
  heartbeatMs?: number;
  /** in-process listeners (sync webhooks, alerts) hear of a finished run without a round trip */
  onFinished?: (executionId: string, status: string, outcome?: StoredOutcome) => void;
}

/** `lost`: another attempt owns the run now; this one's outcome was dropped */
export type FinalStatus = "succeeded" | "failed" | "retry_pending" | "lost";

/** how a run ended, with its outcome as stored (absent while a retry is pending, or when lost) */
export interface RunEnd {
  status: FinalStatus;
  stored?: StoredOutcome;
}

/** Runs a queued execution's next attempt, if it is there to claim; null when it is not (or waits its turn). */
export async function runQueued(deps: RunDeps, executionId: string): Promise<FinalStatus | null> {
  const { pool } = deps;
  let ctx: RunContext | null;
  try {
    ctx = await claimRun(pool, executionId, deps.workerId);
  } catch (err) {
    if (!(err instanceof UnreadableRunError)) throw err;
    const { status } = await failUnreadable(deps, err);
    return status;
  }
  if (!ctx) return null; // canceled, or another worker has it
  // one lookup of the flow's settings; a flow without limits costs no statement here
  const execution = ctx.instance ? flowOf(ctx.definition, ctx.flowKey)?.execution : undefined;
  if (execution?.rateLimit && !(await admitByRate(deps, ctx, execution.rateLimit))) return null; // waits for its start
  const limit = execution ? limitOf(execution.concurrency) : null;
  const flow = { instanceId: ctx.instance?.id ?? "", flowKey: ctx.flowKey };
  if (limit !== null && !(await admitRun(pool, deps.boss, ctx.fence, flow, limit))) return null; // waits its turn
  const { status, stored } = await runClaimed(deps, ctx);
  if (limit !== null) await dispatchNext(pool, deps.boss, flow.instanceId, flow.flowKey, limit);
  if (status !== "lost") deps.onFinished?.(executionId, status, stored);
  return status;
}

/** a synchronous run started in this process: how it ends, and a way to see its row committed */
export interface DirectRun {
  ended: Promise<RunEnd>;
  /** resolves once the execution's row is committed (before a 202 names it) */
  recorded(): Promise<void>;
}

/**
 * A synchronous webhook's run, started at once on this worker without a job or a statement
 * (dispatch.ts): what it needs comes from the endpoint cache, and its row is written with its
 * first batch of step results or its outcome (store/append.ts).
 */
export async function startDirect(deps: RunDeps, row: RunRequest, facts: DirectRunFacts): Promise<DirectRun> {
  const opening: OpeningRow = { row, workerId: deps.workerId, startedAt: new Date() };
  let ctx: RunContext;
  try {
    ctx = await directRunContext(deps.pool, row, facts, deps.workerId);
  } catch (err) {
    if (!(err instanceof UnreadableRunError)) throw err;
    const ended = failUnreadable(deps, err, opening);
    return { ended, recorded: () => ended.then(() => undefined) };
  }
  const lost = new AbortController();
  const sink = createDbSink(deps.pool, ctx.fence, ctx.stateOwnerId, { opening, onLost: () => lost.abort() });
  return { ended: runClaimed(deps, ctx, sink, lost), recorded: () => sink.record() };
}

function failUnreadable(deps: RunDeps, err: UnreadableRunError, opening: OpeningRow | null = null): Promise<RunEnd> {
  const rest: PendingRows = { fence: err.fence, stateOwnerId: null, steps: [], logs: [], state: [], opening };
  return finish(deps, rest, "failed", undefined, { message: err.message });
}

/** Runs a claimed execution's flow and records how it ended. */
async function runClaimed(deps: RunDeps, ctx: RunContext, sink?: DbSink, lost = new AbortController()): Promise<RunEnd> {
  const { pool } = deps;
  const { fence } = ctx;
  const abort = () => {
    if (lost.signal.aborted) return;
    console.error(
      `[worker] execution ${fence.executionId}: attempt ${fence.attempt} no longer owns the run (it went on elsewhere); stopping it`,
    );
    lost.abort();
  };
  sink ??= createDbSink(pool, fence, ctx.stateOwnerId, { onLost: abort });
  const beat = setInterval(
    () => {
      if (!sink.opened()) return; // a direct run's row is written with its first batch
      heartbeat(pool, fence)
        .then((owned) => owned || abort())
        .catch(() => {}); // the database is unreachable: not a refusal
    },
    deps.heartbeatMs ?? Number(process.env.JUNCTION_HEARTBEAT_MS ?? 5_000),
  );
  beat.unref();

  let outcome: RunOutcome | undefined;
  let error: RunFailure | undefined;
  /** the result's columns, serialized once the run succeeded (a failed run has no result) */
  let columns: ResultColumns | undefined;
  try {
    // a connection that cannot give a token fails the run here, with the reason, before any step
    const credentials = await resolveConnections(pool, ctx.definition, ctx.configVars);
    outcome = await executeFlow({
      definition: ctx.definition,
      flowName: ctx.flowKey,
      trigger: { results: ctx.trigger },
      configVars: ctx.configVars,
      runner: deps.runner,
      facts: {
        executionId: fence.executionId,
        instance: ctx.instance,
        customer: ctx.customer,
        webhookUrls: ctx.webhookUrls,
        isTest: ctx.isTest,
      },
      state: createStateStore(pool, ctx.stateOwnerId, ctx.flowKey, sink),
      sink,
      limits: deps.limits,
      signal: lost.signal,
      credentials,
    });
    error = outcome.error;
    // checked now, so a bad answer is the run's failure, recorded, not an error while answering
    const problem = !error && outcome.status !== "failed" ? responseProblem(outcome.result) : null;
    if (problem) error = { message: `The flow's result cannot be sent as an HTTP answer: ${problem}` };
    else if (!error && outcome.status !== "failed") {
      const cols = resultColumns(outcome.result);
      if ("problem" in cols) error = { message: cols.problem };
      else columns = cols;
    }
  } catch (err) {
    error = { message: (err as Error).message };
  } finally {
    clearInterval(beat);
  }
  const rest = await sink.takeRest();
  if (lost.signal.aborted) return { status: "lost" };

  const failed = !!error || outcome?.status === "failed";
  // the flow's retries count its own failures, not the re-runs after a worker died
  const attemptOfFlow = fence.attempt - ctx.crashReruns;
  const retryLeft = failed && !ctx.isTest && !ctx.synchronous && attemptOfFlow <= furtherAttempts(ctx.definition, ctx.flowKey);
  const status = !failed ? "succeeded" : retryLeft ? "retry_pending" : "failed";
  const retryAt = retryLeft ? new Date(Date.now() + retryDelayMs(ctx.definition, ctx.flowKey, attemptOfFlow + 1)) : undefined;
  // a failed run has no result: the last step that succeeded is not what the run produced
  return finish(deps, rest, status, failed ? undefined : columns, error, retryAt);
}

type RunFailure = { message: string; stepKey?: string; stack?: string };

/**
 * Records the attempt's end and the execution's outcome with the run's last rows (one statement),
 * or queues the next attempt — tried again while the database is unreachable (a restart), since
 * the run's work is done and only its record is missing. Returns the outcome as stored (a
 * synchronous webhook waiting in this process answers from it without reading it back).
 */
async function finish(
  deps: RunDeps,
  rest: PendingRows,
  status: "succeeded" | "failed" | "retry_pending",
  result: ResultColumns | undefined,
  error: RunFailure | undefined,
  retryAt?: Date,
): Promise<RunEnd> {
  const errorJson = error ? jsonbSafe(JSON.stringify(error)) : null;
  if (status === "retry_pending") {
    const owned = await untilReachable(rest.fence, () => scheduleRetry(deps.pool, deps.boss, rest, errorJson, retryAt!));
    return { status: owned ? status : "lost" };
  }
  const cols = result ?? { result: null, resultBody: null, meta: null };
  const end: EndColumns = {
    status,
    result: cols.result,
    resultBody: cols.resultBody,
    meta: cols.meta,
    error: errorJson,
    attemptStatus: status,
  };
  const owned = await untilReachable(rest.fence, () => finishRun(deps.pool, rest, end));
  if (!owned) return { status: "lost" };
  return {
    status,
    stored: {
      status,
      result: cols.result === null ? null : JSON.parse(cols.result),
      result_body: cols.resultBody,
      result_meta: cols.meta === null ? null : JSON.parse(cols.meta),
      error: error ?? null,
    },
  };
}

/** errors of a database that is restarting or out of reach (no SQLSTATE, class 08 or 57P) — not of the statement */
const unreachable = (err: unknown) => {
  const code = (err as { code?: unknown }).code;
  return typeof code !== "string" || code.startsWith("08") || code.startsWith("57P");
};

const RECORD_PATIENCE_MS = Number(process.env.JUNCTION_RECORD_PATIENCE_MS ?? 120_000);

async function untilReachable(fence: Fence, write: () => Promise<boolean>): Promise<boolean> {
  const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
    try {
      return await write();
    } catch (err) {
      // written before its answer was lost: the retry finds the row taken
      if ((err as { code?: string }).code === "23505") return true;
      if (!unreachable(err) || Date.now() > giveUpAt) throw err;
      console.error(`[worker] recording execution ${fence.executionId}: ${(err as Error).message}; trying again`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

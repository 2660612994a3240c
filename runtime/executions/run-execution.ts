/**
 * One attempt of one execution, as a worker runs it: claim the row, load what it needs, run the
 * executor with a database sink, record the outcome — and, for a failed asynchronous run with
 * retries left, schedule the next attempt.
 */
import { responseProblem } from "./response-headers";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner } from "../../components-registry/contract";
import { executeFlow, type ExecutionLimits, type RunOutcome } from "../executor";
import { CHANNELS } from "../queue/channels";
import { enqueueInTransaction } from "../queue/enqueue";
import type { EndpointRunFacts } from "../ingest/endpoint-cache";
import { createDbSink, insertRows, type DbSink, type PendingRows } from "./execution-sink";
import { admitRun, concurrencyLimit, dispatchNext } from "./flow-concurrency";
import type { NewExecution } from "../ingest/new-execution";
import { claimRun, directRunContext, UnreadableRunError, type RunContext } from "./load-run";
import { openingCtes, type EndColumns, type OpeningRow } from "./open-execution";
import { furtherAttempts, retryDelayMs } from "./retry-policy";
import type { StoredOutcome } from "./run-response";
import { createStateStore } from "./state-store";
import { jsonbSafe, toStoredJson } from "./stored-json";

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

export type FinalStatus = "succeeded" | "failed" | "retry_pending";

/** how a run ended, with its outcome as stored (absent while a retry is pending) */
export interface RunEnd {
  status: FinalStatus;
  stored?: StoredOutcome;
}

function resultColumns(outcome: RunOutcome | undefined) {
  const data = outcome?.result.data;
  const binary = data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null;
  const meta = outcome
    ? {
        statusCode: outcome.result.statusCode,
        headers: outcome.result.headers,
        contentType: outcome.result.contentType,
        binary: !!binary,
      }
    : null;
  return { result: binary ? null : toStoredJson(data), resultBody: binary, meta: meta && jsonbSafe(JSON.stringify(meta)) };
}

export async function runExecution(deps: RunDeps, executionId: string): Promise<FinalStatus | null> {
  const { pool } = deps;
  let ctx: RunContext | null;
  try {
    ctx = await claimRun(pool, executionId, deps.workerId);
  } catch (err) {
    if (!(err instanceof UnreadableRunError)) throw err;
    await failUnreadable(deps, executionId, err);
    return "failed";
  }
  if (!ctx) return null; // canceled, or another worker has it
  const limit = ctx.instance ? concurrencyLimit(ctx.definition, ctx.flowKey) : null;
  if (limit !== null && !(await admitRun(pool, deps.boss, { executionId, instanceId: ctx.instance!.id, flowKey: ctx.flowKey, attempt: ctx.attempt }, limit))) {
    return null; // waits its turn
  }
  const { status, stored } = await runClaimed(deps, ctx);
  if (limit !== null) await dispatchNext(pool, deps.boss, ctx.instance!.id, ctx.flowKey, limit);
  deps.onFinished?.(executionId, status, stored);
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
 * (start-worker.ts `startDirect`): what it needs comes from the endpoint cache, and its row is
 * written with its first batch of step results or its outcome (open-execution.ts).
 */
export async function startNew(deps: RunDeps, row: NewExecution, facts: EndpointRunFacts): Promise<DirectRun> {
  const opening: OpeningRow = { row, workerId: deps.workerId, startedAt: new Date() };
  let ctx: RunContext;
  try {
    ctx = await directRunContext(deps.pool, row, facts);
  } catch (err) {
    if (!(err instanceof UnreadableRunError)) throw err;
    const ended = failUnreadable(deps, row.id, err, opening).then((stored): RunEnd => ({ status: "failed", stored }));
    return { ended, recorded: () => ended.then(() => undefined) };
  }
  const sink = createDbSink(deps.pool, ctx.executionId, ctx.attempt, ctx.stateOwnerId, opening);
  return { ended: runClaimed(deps, ctx, sink), recorded: () => sink.record() };
}

function failUnreadable(deps: RunDeps, executionId: string, err: UnreadableRunError, opening: OpeningRow | null = null) {
  const rest = { executionId, attempt: err.attempt, stateOwnerId: null, steps: [], logs: [], state: [], opening };
  return finish(deps, rest, "failed", undefined, { message: err.message });
}

/** Runs a claimed execution's flow and records how it ended. */
async function runClaimed(deps: RunDeps, ctx: RunContext, sink: DbSink = createDbSink(deps.pool, ctx.executionId, ctx.attempt, ctx.stateOwnerId)): Promise<RunEnd> {
  const { pool } = deps;
  const { executionId, attempt } = ctx;
  const heartbeat = setInterval(() => {
    pool
      .query({ name: "junction.run.heartbeat", text: "update executions set heartbeat_at = now() where id = $1 and status = 'running'", values: [executionId] })
      .catch(() => {});
  }, deps.heartbeatMs ?? Number(process.env.JUNCTION_HEARTBEAT_MS ?? 5_000));
  heartbeat.unref();

  let outcome: RunOutcome | undefined;
  let error: RunFailure | undefined;
  try {
    outcome = await executeFlow({
      definition: ctx.definition,
      flowName: ctx.flowKey,
      trigger: { results: ctx.trigger },
      configVars: ctx.configVars,
      runner: deps.runner,
      facts: {
        executionId,
        instance: ctx.instance,
        customer: ctx.customer,
        webhookUrls: ctx.webhookUrls,
        isTest: ctx.isTest,
      },
      state: createStateStore(pool, ctx.stateOwnerId, ctx.flowKey, sink),
      sink,
      limits: deps.limits,
    });
    error = outcome.error;
    // checked now, so a bad answer is the run's failure, recorded, not an error while answering
    const problem = !error && outcome.status !== "failed" ? responseProblem(outcome.result) : null;
    if (problem) error = { message: `The flow's result cannot be sent as an HTTP answer: ${problem}` };
  } catch (err) {
    error = { message: (err as Error).message };
  } finally {
    clearInterval(heartbeat);
  }

  const failed = !!error || outcome?.status === "failed";
  const retryLeft = failed && !ctx.isTest && !ctx.synchronous && attempt <= furtherAttempts(ctx.definition, ctx.flowKey);
  const status: FinalStatus = !failed ? "succeeded" : retryLeft ? "retry_pending" : "failed";
  const retryAt = retryLeft ? new Date(Date.now() + retryDelayMs(ctx.definition, ctx.flowKey, attempt + 1)) : undefined;
  const stored = await finish(deps, await sink.takeRest(), status, outcome, error, retryAt);
  return { status, stored };
}

type RunFailure = { message: string; stepKey?: string; stack?: string };

/**
 * Records the attempt's end and the execution's outcome with the run's last step results and logs
 * (one statement), or queues the next attempt. Returns the outcome as stored (a synchronous
 * webhook waiting in this process answers from it without reading it back).
 */
async function finish(
  deps: RunDeps,
  rest: PendingRows,
  status: FinalStatus,
  outcome: RunOutcome | undefined,
  error: RunFailure | undefined,
  retryAt?: Date,
): Promise<StoredOutcome | undefined> {
  const { executionId, attempt } = rest;
  const errorJson = error ? jsonbSafe(JSON.stringify(error)) : null;
  const attemptStatus = status === "succeeded" ? "succeeded" : "failed";
  if (status !== "retry_pending") {
    const cols = resultColumns(outcome);
    if (rest.opening) {
      // a run that ended before its row was written: inserted as finished, in one statement
      const end: EndColumns = { status, result: cols.result, resultBody: cols.resultBody, meta: cols.meta, error: errorJson, attemptStatus };
      const open = openingCtes(rest.opening, 1, end);
      const rows = insertRows(rest, 1 + open.params.length);
      await deps.pool.query({
        name: "junction.run.finish-new",
        text: `with ${open.ctes}, ${rows.ctes}
         select pg_notify('${CHANNELS.done}', o.id || ':' || o.status || ':' || coalesce(o.instance_id::text, '') || ':' || coalesce(o.integration_id::text, '')) from opened o`,
        values: [...open.params, ...rows.params],
      });
    } else {
      const rows = insertRows(rest, 9);
      // one notice, on the done channel: whoever follows the run's steps reads them again then
      await deps.pool.query({
        name: "junction.run.finish",
        text: `with ${rows.ctes}, a as (
           update execution_attempts set status = $7, error = $6::jsonb, finished_at = now() where execution_id = $1 and attempt = $8
         ), e as (
           update executions set status = $2, result = $3::jsonb, result_body = $4, result_meta = $5::jsonb, error = $6::jsonb,
                  finished_at = now(), duration_ms = (extract(epoch from now() - started_at) * 1000)::int, heartbeat_at = null
            where id = $1 returning id, instance_id, integration_id
         )
         select pg_notify('${CHANNELS.done}', $1 || ':' || $2 || ':' || coalesce(e.instance_id::text, '') || ':' || coalesce(e.integration_id::text, '')) from e`,
        values: [executionId, status, cols.result, cols.resultBody, cols.meta, errorJson, attemptStatus, attempt, ...rows.params],
      });
    }
    return {
      status,
      result: cols.result === null ? null : JSON.parse(cols.result),
      result_body: cols.resultBody,
      result_meta: cols.meta === null ? null : JSON.parse(cols.meta),
      error: error ?? null,
    };
  }
  const client = await deps.pool.connect();
  try {
    await client.query("begin");
    const rows = insertRows(rest, 1);
    await client.query(`with ${rows.ctes} select pg_notify('${CHANNELS.events}', $1::text)`, rows.params);
    await client.query(`update execution_attempts set status = 'failed', error = $3, finished_at = now() where execution_id = $1 and attempt = $2`, [
      executionId,
      attempt,
      errorJson,
    ]);
    await client.query(
      `update executions set status = 'retry_pending', attempt = attempt + 1, error = $2, next_attempt_at = $3, heartbeat_at = null where id = $1`,
      [executionId, errorJson, retryAt],
    );
    await enqueueInTransaction(deps.boss, client, [{ executionId, startAfter: retryAt }]);
    // alert monitors watch for failed attempts with a retry pending (sync waiters ignore this status)
    await client.query(`select pg_notify('${CHANNELS.done}', $1)`, [`${executionId}:retry_pending`]);
    await client.query("commit");
    return undefined;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

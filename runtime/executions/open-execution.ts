/**
 * The row of a synchronous run started in this process (start-worker.ts `startDirect`). It is
 * not written before the run starts: it goes with the run's first batch of step results (within
 * 100 ms, execution-sink.ts), or, for the many runs that end sooner, in the one statement that
 * records the outcome — inserted as finished, with its attempt. That spares a short run a
 * statement, a commit and an update of `executions` (11 indexes) in PostgreSQL.
 */
import { CANCELED_BY_NEWER } from "../ingest/cancelation-key";
import type { NewExecution } from "../ingest/new-execution";

export interface OpeningRow {
  row: NewExecution;
  workerId: string;
  startedAt: Date;
}

/** how the run ended, as the outcome statement stores it */
export interface EndColumns {
  status: string;
  result: string | null;
  resultBody: Buffer | null;
  meta: string | null;
  error: string | null;
  attemptStatus: string;
}

/**
 * CTEs (`canceled`, `opened`, `opened_attempt`) inserting the execution and its first attempt,
 * running or, with `end`, finished; parameters numbered from `first`. Like ingest, a newer
 * invocation with a cancelation key cancels the pending retries of older executions.
 * `opened` returns the row's id, status, instance and integration.
 */
export function openingCtes(o: OpeningRow, first: number, end?: EndColumns): { ctes: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  const r = o.row;
  const params: unknown[] = [
    r.id,
    r.instanceId,
    r.integrationId,
    r.versionId,
    r.customerId,
    r.flowKey,
    r.source,
    JSON.stringify(r.triggerPayload),
    r.triggerBody ?? null,
    r.cancelationKey ?? null,
    o.workerId,
    o.startedAt,
  ];
  if (end) params.push(end.status, end.result, end.resultBody, end.meta, end.error, end.attemptStatus);
  const started = `${p(11)}::timestamptz`;
  const state = end
    ? `${p(12)}, null, ${p(13)}::jsonb, ${p(14)}, ${p(15)}::jsonb, ${p(16)}::jsonb, now(), (extract(epoch from now() - ${started}) * 1000)::int`
    : `'running', now(), null, null, null, null, null, null`;
  return {
    ctes: `canceled as (
         update executions set status = 'canceled', finished_at = now(),
                error = jsonb_build_object('message', '${CANCELED_BY_NEWER}', 'canceledBy', ${p(0)}::uuid)
          where ${p(9)}::text is not null and status = 'retry_pending' and instance_id = ${p(1)} and flow_key = ${p(5)} and cancelation_key = ${p(9)}
       ), opened as (
         insert into executions (id, instance_id, integration_id, version_id, customer_id, flow_key, source, synchronous, trigger_payload, trigger_body,
                                 cancelation_key, max_attempts, queued_at, started_at, worker_id,
                                 status, heartbeat_at, result, result_body, result_meta, error, finished_at, duration_ms)
         values (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, true, ${p(7)}::jsonb, ${p(8)}, ${p(9)}, 1, ${started}, ${started}, ${p(10)},
                 ${state})
         returning id, status, instance_id, integration_id
       ), opened_attempt as (
         insert into execution_attempts (execution_id, attempt, status, worker_id, started_at, error, finished_at)
         values (${p(0)}, 1, ${end ? p(17) : "'running'"}, ${p(10)}, ${started}, ${end ? `${p(16)}::jsonb` : "null"}, ${end ? "now()" : "null"})
       )`,
    params,
  };
}

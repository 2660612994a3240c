/**
 * The statements of the leader's reaper and sweeper (lifecycle/reaper.ts, sweeper.ts): runs
 * whose worker went silent, and runs waiting without a job.
 */
import type pg from "pg";
import { executionAttempts, executions } from "@/db/schema";
import { doneNoticeSql } from "../completion/done-notice";
import { col, p, sql, statement, type Queryable } from "./statement";

const e = executions;
const a = executionAttempts;

export interface StaleRun {
  id: string;
  attempt: number;
  max_attempts: number;
  crash_reruns: number;
  synchronous: boolean;
  is_test: boolean;
  worker_id: string | null;
  instance_id: string | null;
  flow_key: string;
  version_id: string | null;
  test_definition: unknown;
}

const staleStatement = statement(
  "reap.stale",
  () =>
    sql`select ${e.id}, ${e.attempt}, ${e.maxAttempts}, ${e.crashReruns}, ${e.synchronous}, ${e.isTest}, ${e.workerId}, ${e.instanceId}, ${e.flowKey},
             ${e.versionId}, ${e.testDefinition}
        from ${e} where ${e.status} = 'running' and ${e.heartbeatAt} < now() - make_interval(secs => ${p("staleMs")}::double precision / 1000)
        for update skip locked`,
);

/** running executions whose heartbeat is older than `staleMs`, locked for the caller's transaction */
export async function staleRuns(client: pg.PoolClient, staleMs: number): Promise<StaleRun[]> {
  return (await client.query(staleStatement({ staleMs }))).rows;
}

export type LostNext = "rerun" | "retry" | "fail";

const lostStatement = statement(
  "reap.lost",
  () => sql`with lost as (
     select * from unnest(${p("id")}::uuid[], ${p("attempt")}::smallint[], ${p("next")}::text[], ${p("error")}::jsonb[]) as u(id, attempt, next, error)
   ), attempts as (
     update ${a} set ${col(a.status)} = 'lost', ${col(a.error)} = lost.error, ${col(a.finishedAt)} = now()
       from lost where ${a.executionId} = lost.id and ${a.attempt} = lost.attempt and ${a.finishedAt} is null
   ), moved as (
     update ${e} set
       ${col(e.status)} = case lost.next when 'rerun' then 'queued' when 'retry' then 'retry_pending' else 'failed' end,
       ${col(e.attempt)} = case when lost.next = 'fail' then ${e.attempt} else ${e.attempt} + 1 end,
       ${col(e.crashReruns)} = ${e.crashReruns} + case when lost.next = 'rerun' then 1 else 0 end,
       ${col(e.error)} = lost.error, ${col(e.heartbeatAt)} = null, ${col(e.workerId)} = null,
       ${col(e.finishedAt)} = case when lost.next = 'fail' then now() end,
       ${col(e.durationMs)} = case when lost.next = 'fail' then (extract(epoch from now() - ${e.startedAt}) * 1000)::int end
      from lost where ${e.id} = lost.id and ${e.attempt} = lost.attempt and ${e.status} = 'running'
      returning ${e.id}, ${e.status}, ${e.instanceId}, ${e.integrationId}
   )
   select moved.id, moved.status, ${doneNoticeSql("moved")} from moved where moved.status = 'failed'
   union all select moved.id, moved.status, null from moved where moved.status <> 'failed'`,
);

/** moves lost attempts' runs on: run again, retried by the flow's policy, or failed (notified); returns the ids moved */
export async function moveLostRuns(
  client: pg.PoolClient,
  runs: Array<{ id: string; attempt: number; next: LostNext; error: string }>,
): Promise<string[]> {
  if (runs.length === 0) return [];
  const r = await client.query(
    lostStatement({
      id: runs.map((r) => r.id),
      attempt: runs.map((r) => r.attempt),
      next: runs.map((r) => r.next),
      error: runs.map((r) => r.error),
    }),
  );
  return r.rows.map((row) => row.id);
}

export interface WaitingRun {
  id: string;
  status: "queued" | "retry_pending";
  instance_id: string | null;
  flow_key: string;
  version_id: string | null;
  test_definition: unknown;
}

const waitingStatement = statement(
  "sweep.waiting",
  () =>
    sql`select ${e.id}, ${e.status}, ${e.instanceId}, ${e.flowKey}, ${e.versionId}, ${e.testDefinition} from ${e}
       where ${e.status} in ('queued', 'retry_pending') and coalesce(${e.nextAttemptAt}, ${e.queuedAt}) < now() - make_interval(secs => ${p("graceMs")}::double precision / 1000)
       order by ${e.queuedAt} limit ${p("limit")}`,
);

/** runs due longer than `graceMs` ago that still wait (whether their job lives is the queue's to say) */
export async function longWaiting(db: Queryable, graceMs: number, limit = 1000): Promise<WaitingRun[]> {
  return (await db.query(waitingStatement({ graceMs, limit }))).rows;
}

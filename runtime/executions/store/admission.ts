/**
 * The statements of per-flow concurrency (flow-concurrency.ts), run under its advisory lock on
 * the instance flow.
 */
import { executionAttempts, executions } from "@/db/schema";
import { col, p, sql, statement, type Queryable } from "./statement";

const e = executions;

const runningStatement = statement(
  "flow.running",
  () =>
    sql`select count(*)::int as n from ${e} where ${e.instanceId} = ${p("instance")} and ${e.flowKey} = ${p("flow")} and ${e.status} = 'running' and ${e.id} <> ${p("self")}`,
);

/** runs of the instance flow running now, other than `self` */
export async function runningCount(
  db: Queryable,
  instanceId: string,
  flowKey: string,
  self = "00000000-0000-0000-0000-000000000000",
): Promise<number> {
  return (await db.query(runningStatement({ instance: instanceId, flow: flowKey, self }))).rows[0].n;
}

const olderStatement = statement("flow.older-waiting", () => {
  return sql`select 1 from ${e} w, ${e} me
     where me.id = ${p("self")} and w.instance_id = ${p("instance")} and w.flow_key = ${p("flow")} and w.status = 'queued'
       and (w.queued_at, w.id) < (me.queued_at, me.id) limit 1`;
});

/** whether an older run of the flow waits */
export async function olderWaiting(db: Queryable, instanceId: string, flowKey: string, self: string): Promise<boolean> {
  return ((await db.query(olderStatement({ instance: instanceId, flow: flowKey, self }))).rowCount ?? 0) > 0;
}

const unclaimStatement = statement("flow.unclaim", () => {
  const a = executionAttempts;
  return sql`with back as (
      update ${e} set ${col(e.status)} = 'queued', ${col(e.heartbeatAt)} = null, ${col(e.workerId)} = null,
                      ${col(e.startedAt)} = case when ${e.attempt} = 1 then null else ${e.startedAt} end
       where ${e.id} = ${p("id")} and ${e.attempt} = ${p("attempt")} and ${e.workerId} = ${p("worker")} and ${e.status} = 'running'
       returning id
    )
    delete from ${a} where ${a.executionId} = ${p("id")} and ${a.attempt} = ${p("attempt")} and exists (select 1 from back)`;
});

/** undoes a claim refused admission: the run waits, queued, in its place in line (no job) */
export async function unclaim(db: Queryable, executionId: string, attempt: number, workerId: string): Promise<void> {
  await db.query(unclaimStatement({ id: executionId, attempt, worker: workerId }));
}

const oldestStatement = statement(
  "flow.oldest-waiting",
  () =>
    sql`select ${e.id} from ${e} where ${e.instanceId} = ${p("instance")} and ${e.flowKey} = ${p("flow")} and ${e.status} = 'queued'
       order by ${e.queuedAt}, ${e.id} limit ${p("limit")}`,
);

/** the ids of the oldest waiting runs of the flow */
export async function oldestWaiting(db: Queryable, instanceId: string, flowKey: string, limit: number): Promise<string[]> {
  return (await db.query(oldestStatement({ instance: instanceId, flow: flowKey, limit }))).rows.map((r) => r.id);
}

/**
 * Taking and completing a queue's jobs with our own statements on pg-boss's job table (pg-boss
 * 10.4, schema `pgboss`).
 *
 * pg-boss's fetch orders waiting jobs by priority and creation time, which its index (name,
 * start_after) cannot give: every fetch read and sorted the whole backlog — 1.8 ms of PostgreSQL
 * per fetch with 2,000 jobs waiting, most of a run's database time while a backlog drains (a
 * minute's thousand scheduled runs). We take them in the index's order, by when each may start
 * (first due, first served; no priorities), so a fetch reads only the rows it takes. The states
 * and columns written are pg-boss's own, so its maintenance (expiry, retention) works as before.
 *
 * These two are planned on every call, unlike a run's named statements: the table fills in bursts
 * (a webhook flood), and a named fetch's plan, cached while the table was nearly empty, stayed
 * when it held 100,000 jobs and no ANALYZE had run (autovacuum is off on some servers): fetches
 * took 300 ms until an ANALYZE. Planning costs a fraction of a millisecond, once per batch.
 */
import type pg from "pg";

export interface QueuedJob<T> {
  id: string;
  data: T;
}

/** the queue's name as a literal (one of ours, never input): the planner then reads only its partition */
const queueName = (queue: string) => {
  if (!/^[a-z][a-z-]*$/.test(queue)) throw new Error(`unexpected queue name ${queue}`);
  return `'${queue}'`;
};

export async function fetchJobs<T>(pool: pg.Pool, queue: string, limit: number): Promise<QueuedJob<T>[]> {
  const name = queueName(queue);
  const r = await pool.query({
    text: `with next as (
             select id from pgboss.job
              where name = ${name} and state < 'active' and start_after < now()
              order by start_after
              limit $1
              for update skip locked
           )
           update pgboss.job j
              set state = 'active', started_on = now(),
                  retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
             from next
            where j.name = ${name} and j.id = next.id
           returning j.id, j.data`,
    values: [limit],
  });
  return r.rows;
}

export async function completeJobs(pool: pg.Pool, queue: string, ids: string[]): Promise<void> {
  await pool.query({
    text: `update pgboss.job set state = 'completed', completed_on = now()
            where name = ${queueName(queue)} and id = any($1::uuid[]) and state = 'active'`,
    values: [ids],
  });
}

/**
 * Which of these executions have a live job: waiting, or taken less than `graceMs` ago (a worker
 * claims its run at once; one taken long ago whose run still waits belonged to a worker that died
 * between the two).
 */
export async function withLiveJob(pool: pg.Pool, queue: string, executionIds: string[], graceMs: number): Promise<Set<string>> {
  const r = await pool.query({
    text: `select data->>'executionId' as id from pgboss.job
            where name = ${queueName(queue)} and data->>'executionId' = any($1::text[])
              and (state < 'active' or (state = 'active' and started_on > now() - make_interval(secs => $2::double precision / 1000)))`,
    values: [executionIds, graceMs],
  });
  return new Set(r.rows.map((row) => row.id));
}

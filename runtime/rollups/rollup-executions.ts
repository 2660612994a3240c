/**
 * Brings the dashboard's rollups up to date. A pass adds to the hour and day of their queueing
 * the live executions that reached a final status (succeeded, failed, canceled) since the last
 * pass. A final status is never left, and every writer sets finished_at = now() as it moves a run
 * there, so each run is added exactly once, however late it finishes (a retry a day later lands
 * in the hour it was queued). Deleting an instance, customer or integration deletes its rollup
 * rows with its executions (foreign keys).
 *
 * `covered_until` moves with the rows in one transaction: the rollups hold exactly the final
 * executions finished at or before it, and the dashboard reads the rest from the executions.
 * It trails the clock by `lagMs`, so a run finished at T whose transaction commits a moment
 * later is still picked up.
 */
import type pg from "pg";
import { FINISHED_STATUSES, UNFINISHED_STATUSES as UNFINISHED } from "@/db/schema";
import { denseHistogramSql, durationBucketSql } from "./duration-buckets";

const sqlList = (statuses: readonly string[]) => `(${statuses.map((s) => `'${s}'`).join(", ")})`;
export const FINAL_STATUSES = sqlList(FINISHED_STATUSES);
/** the others, listed rather than negated so that the status index finds them */
export const UNFINISHED_STATUSES = sqlList(UNFINISHED);

export interface RollupOptions {
  /** how far behind the clock the rollups stay */
  lagMs?: number;
  /** at most this much finished_at per pass (transaction), so a first backfill goes in steps */
  stepMs?: number;
  shouldStop?: () => boolean;
}

// only one pass at a time, whoever calls it (the leader's job, a bench, a test)
const LOCK = 0x6a756e63; // "junc"

async function rollupPass(client: pg.PoolClient, lagMs: number, stepMs: number): Promise<{ runs: number; caughtUp: boolean }> {
  await client.query("begin");
  try {
    await client.query("select pg_advisory_xact_lock($1)", [LOCK]);
    // as text: a JS Date would drop the microseconds the finished_at comparisons rely on
    const bounds = await client.query<{ start: string | null; end: string; has_range: boolean; caught_up: boolean }>(
      `with s as (
         select coalesce((select covered_until from execution_rollup_state where id = 1),
                         (select min(finished_at) - interval '1 microsecond' from executions where finished_at is not null)) as start,
                now() - make_interval(secs => $1::double precision / 1000) as target,
                make_interval(secs => $2::double precision / 1000) as step),
       -- never backwards (a longer lag): rows between would be counted twice
       b as (select start, target, greatest(start, least(target, start + step)) as "end" from s)
       select start::text, "end"::text, coalesce(start < "end", false) as has_range, coalesce("end" >= target, true) as caught_up from b`,
      [lagMs, stepMs],
    );
    const { start, end, has_range, caught_up } = bounds.rows[0]!;
    let runs = 0;
    if (has_range) {
      const finished = `from executions e
        where e.finished_at > $1::timestamptz and e.finished_at <= $2::timestamptz and e.status in ${FINAL_STATUSES} and not e.is_test`;
      for (const grain of ["hour", "day"]) {
        const counted = await client.query<{ runs: number }>(
          `with d as (
             select '${grain}' as grain, date_trunc('${grain}', e.queued_at, 'UTC') as starts_at, e.integration_id, e.customer_id, e.instance_id, e.flow_key, e.status, count(*)::int as runs
               ${finished}
              group by 2, 3, 4, 5, 6, 7),
           added as (
             insert into execution_rollups (grain, starts_at, integration_id, customer_id, instance_id, flow_key, status, runs)
             select * from d
             on conflict on constraint execution_rollups_key do update set runs = execution_rollups.runs + excluded.runs)
           select coalesce(sum(runs), 0)::int as runs from d`,
          [start, end],
        );
        runs = counted.rows[0]!.runs;
        await client.query(
          `with b as (
             select date_trunc('${grain}', e.queued_at, 'UTC') as starts_at, e.integration_id, e.customer_id, e.instance_id,
                    ${durationBucketSql("e.duration_ms")} as bucket, count(*)::int as n, min(e.duration_ms) as min_ms, max(e.duration_ms) as max_ms
               ${finished} and e.duration_ms is not null
              group by 1, 2, 3, 4, 5)
           insert into execution_duration_rollups (grain, starts_at, integration_id, customer_id, instance_id, runs, min_ms, max_ms, buckets)
           select '${grain}', b.starts_at, b.integration_id, b.customer_id, b.instance_id, sum(b.n), min(b.min_ms), max(b.max_ms), ${denseHistogramSql("b.bucket", "b.n")}
             from b group by 2, 3, 4, 5
           on conflict on constraint execution_duration_rollups_key do update
              set runs = execution_duration_rollups.runs + excluded.runs,
                  min_ms = least(execution_duration_rollups.min_ms, excluded.min_ms),
                  max_ms = greatest(execution_duration_rollups.max_ms, excluded.max_ms),
                  buckets = array(select a + n from unnest(execution_duration_rollups.buckets, excluded.buckets) with ordinality u(a, n, i) order by i)`,
          [start, end],
        );
      }
    }
    await client.query(
      `insert into execution_rollup_state (id, covered_until) values (1, $1::timestamptz)
       on conflict (id) do update set covered_until = excluded.covered_until`,
      [end],
    );
    await client.query("commit");
    return { runs, caughtUp: caught_up };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  }
}

/** Passes until the rollups trail the clock by no more than `lagMs`; how many runs were added. */
export async function rollupExecutions(pool: pg.Pool, options: RollupOptions = {}): Promise<{ passes: number; runs: number }> {
  const lagMs = options.lagMs ?? Number(process.env.JUNCTION_ROLLUP_LAG_MS ?? 60_000);
  const stepMs = options.stepMs ?? 86_400_000;
  const client = await pool.connect();
  let passes = 0;
  let runs = 0;
  try {
    for (;;) {
      const pass = await rollupPass(client, lagMs, stepMs);
      passes++;
      runs += pass.runs;
      if (pass.caughtUp || options.shouldStop?.()) return { passes, runs };
    }
  } finally {
    client.release();
  }
}

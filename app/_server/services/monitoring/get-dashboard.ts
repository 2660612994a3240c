/**
 * The monitoring overview: runs per hour or day (succeeded / failed), failure rate, p50 and p95
 * duration, the instances failing most, open alerts.
 *
 * Whole hours and days come from the rollups (runtime/rollups), the partial hours at the period's
 * edges from the executions. Inside the rolled-up span the executions the rollups do not hold yet
 * are read too: those not finished (queued, running, retry pending: a few, by the status index)
 * and those finished after the rollup's last pass (by the finished_at index). Each statement
 * reads the rollups and `covered_until` in one snapshot, so no run is counted twice or missed.
 * Percentiles are estimated from duration histograms (runtime/rollups/duration-buckets).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../../db/client";
import { durationBucketSql, percentileOf } from "../../../../runtime/rollups/duration-buckets";
import { FINAL_STATUSES } from "../../../../runtime/rollups/rollup-executions";

export interface DashboardInput {
  since: Date;
  until: Date;
  integrationId?: string;
  customerId?: string;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** hours up to three days, days beyond */
export const bucketFor = (since: Date, until: Date) => (until.getTime() - since.getTime() <= 3 * DAY ? "hour" : "day");

type Range = [Date, Date];

/** Which part of the period each source answers for (UTC hours and days, as the rollups are). */
export function planPeriod(since: Date, until: Date, bucket: "hour" | "day") {
  const ceil = (d: Date, unit: number) => new Date(Math.ceil(d.getTime() / unit) * unit);
  const floor = (d: Date, unit: number) => new Date(Math.floor(d.getTime() / unit) * unit);
  const h0 = ceil(since, HOUR);
  const h1 = floor(until, HOUR);
  if (h0 >= h1) return { raw: [[since, until]] as Range[], span: null, hours: [] as Range[], days: null };
  // days only where the series is by day: an hourly series needs the hours anyway
  const d0 = ceil(since, DAY);
  const d1 = floor(until, DAY);
  const days: Range | null = bucket === "day" && d0 < d1 ? [d0, d1] : null;
  const hours: Range[] = days ? [[h0, d0], [d1, h1]] : [[h0, h1]];
  return {
    raw: ([[since, h0], [h1, until]] as Range[]).filter(([a, b]) => a < b),
    span: [h0, h1] as Range,
    hours: hours.filter(([a, b]) => a < b),
    days,
  };
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function filters(input: DashboardInput, alias: string): SQL {
  return sql.join(
    [
      input.integrationId ? sql`and ${sql.raw(alias)}.integration_id = ${input.integrationId}::uuid` : undefined,
      input.customerId ? sql`and ${sql.raw(alias)}.customer_id = ${input.customerId}::uuid` : undefined,
    ].filter((x): x is SQL => !!x),
    sql.raw(" "),
  );
}

/**
 * One row per run, or per rollup row with the runs it counts, over the whole period.
 * `rollupColumns` and `rawColumns` select the same shape from a rollup table and from executions.
 */
function facts(input: DashboardInput, source: { table: string; rollupColumns: string; rawColumns: string; rawWhere?: string }): SQL {
  const plan = planPeriod(input.since, input.until, bucketFor(input.since, input.until));
  const parts: SQL[] = [];
  const rollup = (grain: "hour" | "day", [a, b]: Range) =>
    sql`select ${sql.raw(source.rollupColumns)} from ${sql.raw(source.table)} r
         where r.grain = ${grain} and r.starts_at >= ${ts(a)} and r.starts_at < ${ts(b)} ${filters(input, "r")}`;
  const raw = (where: SQL) => sql`select ${sql.raw(source.rawColumns)} from executions e
         where ${where} and not e.is_test ${source.rawWhere ? sql.raw(`and ${source.rawWhere}`) : sql``} ${filters(input, "e")}`;
  const queued = ([a, b]: Range) => sql`e.queued_at >= ${ts(a)} and e.queued_at < ${ts(b)}`;
  if (plan.days) parts.push(rollup("day", plan.days));
  for (const h of plan.hours) parts.push(rollup("hour", h));
  for (const r of plan.raw) parts.push(raw(queued(r)));
  if (plan.span) {
    parts.push(raw(sql`e.status not in ${sql.raw(FINAL_STATUSES)} and ${queued(plan.span)}`));
    parts.push(
      raw(sql`e.finished_at > coalesce((select covered_until from execution_rollup_state), '-infinity')
              and e.status in ${sql.raw(FINAL_STATUSES)} and ${queued(plan.span)}`),
    );
  }
  return sql.join(parts, sql.raw("\n union all\n"));
}

export async function getDashboard(db: Db, input: DashboardInput) {
  const bucket = bucketFor(input.since, input.until);
  const counts = facts(input, {
    table: "execution_rollups",
    rollupColumns: "r.starts_at as at, r.instance_id, r.status, r.runs",
    rawColumns: "e.queued_at as at, e.instance_id, e.status, 1 as runs",
  });
  const durations = facts(input, {
    table: "execution_duration_rollups",
    rollupColumns: "r.bucket, r.runs, r.min_ms, r.max_ms",
    rawColumns: `${durationBucketSql("e.duration_ms")} as bucket, 1 as runs, e.duration_ms as min_ms, e.duration_ms as max_ms`,
    rawWhere: "e.duration_ms is not null",
  });
  // one expression, written once: as parameters, two copies would not be the same grouping
  const trunc = sql.raw(`date_trunc('${bucket}', f.at, 'UTC')`);
  // series and totals in one pass: the empty grouping set is the period's total
  const [grouped, failing, histogram, alerts] = await Promise.all([
    db.execute<{ bucket: string | null; total: number; succeeded: number; failed: number; other: number }>(sql`
      with f as (${counts})
      select ${trunc} as bucket,
             sum(f.runs)::int as total,
             coalesce(sum(f.runs) filter (where f.status = 'succeeded'), 0)::int as succeeded,
             coalesce(sum(f.runs) filter (where f.status = 'failed'), 0)::int as failed,
             coalesce(sum(f.runs) filter (where f.status not in ('succeeded', 'failed')), 0)::int as other
        from f
       group by grouping sets ((${trunc}), ())
       order by 1 nulls first`),
    db.execute<{ instance_id: string; instance: string; customer: string; integration: string; failed: number; total: number }>(sql`
      with f as (${counts}),
      top as (
        select f.instance_id, coalesce(sum(f.runs) filter (where f.status = 'failed'), 0)::int as failed, sum(f.runs)::int as total
          from f where f.instance_id is not null
         group by f.instance_id
        having sum(f.runs) filter (where f.status = 'failed') > 0
         order by 2 desc limit 5)
      select top.*, i.name as instance, c.name as customer, g.name as integration
        from top join instances i on i.id = top.instance_id join customers c on c.id = i.customer_id join integrations g on g.id = i.integration_id
       order by top.failed desc`),
    db.execute<{ bucket: number; runs: number; min_ms: number; max_ms: number }>(sql`
      with f as (${durations})
      select f.bucket, sum(f.runs)::int as runs, min(f.min_ms) as min_ms, max(f.max_ms) as max_ms from f group by f.bucket`),
    db.execute<{ open: number }>(sql`
      select count(*)::int as open from alert_events a join instances i on i.id = a.instance_id
       where a.acknowledged_at is null
         ${input.integrationId ? sql`and i.integration_id = ${input.integrationId}::uuid` : sql``}
         ${input.customerId ? sql`and i.customer_id = ${input.customerId}::uuid` : sql``}`),
  ]);
  const [first, ...rest] = grouped.rows;
  // with no runs at all, the total row still comes (sum null)
  const t = first && first.bucket === null ? first : { total: 0, succeeded: 0, failed: 0 };
  const series = (first && first.bucket === null ? rest : grouped.rows) as Array<{ bucket: string; succeeded: number; failed: number; other: number }>;
  const finished = t.succeeded + t.failed;
  const buckets = histogram.rows.map((r) => ({ bucket: Number(r.bucket), runs: Number(r.runs), minMs: Number(r.min_ms), maxMs: Number(r.max_ms) }));
  const p50 = percentileOf(buckets, 0.5);
  const p95 = percentileOf(buckets, 0.95);
  return {
    bucket,
    series: series.map((r) => ({ at: new Date(r.bucket).toISOString(), succeeded: r.succeeded, failed: r.failed, other: r.other })),
    total: t.total ?? 0,
    succeeded: t.succeeded,
    failed: t.failed,
    failureRate: finished ? t.failed / finished : 0,
    p50Ms: p50 === null ? null : Math.round(p50),
    p95Ms: p95 === null ? null : Math.round(p95),
    failingInstances: failing.rows.map((r) => ({ instanceId: r.instance_id, instance: r.instance, customer: r.customer, integration: r.integration, failed: r.failed, total: r.total })),
    openAlerts: alerts.rows[0]?.open ?? 0,
  };
}

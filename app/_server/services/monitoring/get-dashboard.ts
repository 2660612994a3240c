/**
 * The monitoring overview: runs per hour or day (succeeded / failed), failure rate, p50 and p95
 * duration, the instances failing most, open alerts.
 *
 * Whole hours and days come from the rollups (runtime/rollups), the partial hours at the period's
 * edges from the executions. Inside the rolled-up span the executions the rollups do not hold yet
 * are read too: those not finished (queued, running, retry pending: a few, by the status index)
 * and those finished after the rollup's last pass (by the finished_at index). All of it is read
 * in one snapshot (a repeatable read transaction), so a pass committing meanwhile neither counts
 * a run twice nor misses one, and the figures agree with each other. Percentiles are estimated
 * from duration histograms (runtime/rollups/duration-buckets).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { BUCKETS, durationBucketSql, mergeHistograms, percentileOf, type Histogram } from "@/runtime/rollups/duration-buckets";
import { FINAL_STATUSES, UNFINISHED_STATUSES } from "@/runtime/rollups/rollup-executions";

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
  const hours: Range[] = days
    ? [
        [h0, d0],
        [d1, h1],
      ]
    : [[h0, h1]];
  return {
    raw: (
      [
        [since, h0],
        [h1, until],
      ] as Range[]
    ).filter(([a, b]) => a < b),
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

/** Where the period's runs are: rollup rows for whole days and hours, executions for the rest. */
function sources(input: DashboardInput, coveredUntil: string) {
  const plan = planPeriod(input.since, input.until, bucketFor(input.since, input.until));
  const queued = ([a, b]: Range) => sql`e.queued_at >= ${ts(a)} and e.queued_at < ${ts(b)}`;
  const rawWhere: SQL[] = plan.raw.map(queued);
  if (plan.span) {
    rawWhere.push(sql`e.status in ${sql.raw(UNFINISHED_STATUSES)} and ${queued(plan.span)}`);
    // a value, not a subquery: the planner sees how few rows are that recent
    rawWhere.push(sql`e.finished_at > ${coveredUntil}::timestamptz and e.status in ${sql.raw(FINAL_STATUSES)} and ${queued(plan.span)}`);
  }
  const rollupWhere: SQL[] = [
    ...(plan.days ? [sql`r.grain = 'day' and r.starts_at >= ${ts(plan.days[0])} and r.starts_at < ${ts(plan.days[1])}`] : []),
  ];
  for (const [a, b] of plan.hours) rollupWhere.push(sql`r.grain = 'hour' and r.starts_at >= ${ts(a)} and r.starts_at < ${ts(b)}`);
  return {
    /** the rollup rows of `table`, `columns` of each (alias r); one select a range, for its index */
    rollups: (table: string, columns: string) =>
      rollupWhere.map((where) => sql`select ${sql.raw(columns)} from ${sql.raw(table)} r where ${where} ${filters(input, "r")}`),
    /** the executions not in the rollups, `columns` of each (alias e) */
    raw: (columns: string, where?: string) =>
      rawWhere.map(
        (w) =>
          sql`select ${sql.raw(columns)} from executions e where ${w} and not e.is_test ${where ? sql.raw(`and ${where}`) : sql``} ${filters(input, "e")}`,
      ),
  };
}

const unionAll = (parts: SQL[]) => (parts.length ? sql.join(parts, sql.raw("\n union all\n")) : null);

export async function getDashboard(db: Db, input: DashboardInput) {
  const bucket = bucketFor(input.since, input.until);
  // one expression, written once: as parameters, two copies would not be the same grouping
  const trunc = sql.raw(`date_trunc('${bucket}', f.at, 'UTC')`);
  const { grouped, failing, histogram, alerts } = await db.transaction(
    async (tx) => {
      // small aggregates over a few thousand rows: compiling them (JIT) or starting parallel
      // workers takes longer than running them
      await tx.execute(sql`set local jit = off; set local max_parallel_workers_per_gather = 0`);
      // as text: a JS Date would drop the microseconds finished_at is compared in
      const state = await tx.execute<{ covered_until: string }>(
        sql`select coalesce((select covered_until from execution_rollup_state), '-infinity')::text as covered_until`,
      );
      const coveredUntil = state.rows[0]!.covered_until;
      const from = sources(input, coveredUntil);
      // one row per run, or per rollup row with the runs it counts
      const counts = unionAll([
        ...from.rollups("execution_rollups", "r.starts_at as at, r.instance_id, r.status, r.runs"),
        ...from.raw("e.queued_at as at, e.instance_id, e.status, 1 as runs"),
      ])!;
      const rolledDurations = unionAll(from.rollups("execution_duration_rollups", "r.buckets, r.min_ms, r.max_ms"));
      // series and totals in one pass: the empty grouping set is the period's total
      const grouped = await tx.execute<{ bucket: string | null; total: number; succeeded: number; failed: number; other: number }>(sql`
        with f as (${counts})
        select ${trunc} as bucket,
               sum(f.runs)::int as total,
               coalesce(sum(f.runs) filter (where f.status = 'succeeded'), 0)::int as succeeded,
               coalesce(sum(f.runs) filter (where f.status = 'failed'), 0)::int as failed,
               coalesce(sum(f.runs) filter (where f.status not in ('succeeded', 'failed')), 0)::int as other
          from f
         group by grouping sets ((${trunc}), ())
         order by 1 nulls first`);
      const failing = await tx.execute<{
        instance_id: string;
        instance: string;
        customer: string;
        integration: string;
        failed: number;
        total: number;
      }>(sql`
        with f as (${counts}),
        top as (
          select f.instance_id, coalesce(sum(f.runs) filter (where f.status = 'failed'), 0)::int as failed, sum(f.runs)::int as total
            from f where f.instance_id is not null
           group by f.instance_id
          having sum(f.runs) filter (where f.status = 'failed') > 0
           order by 2 desc limit 5)
        select top.*, i.name as instance, c.name as customer, g.name as integration
          from top join instances i on i.id = top.instance_id join customers c on c.id = i.customer_id join integrations g on g.id = i.integration_id
         order by top.failed desc`);
      // the rollups' histograms summed position by position; the executions' durations by bucket
      const rolled = rolledDurations
        ? await tx.execute<{ counts: string[]; min_ms: number | null; max_ms: number | null }>(sql`
            with f as (${rolledDurations})
            select array[${sql.raw(Array.from({ length: BUCKETS }, (_, i) => `coalesce(sum(f.buckets[${i + 1}]), 0)`).join(", "))}] as counts,
                   min(f.min_ms) as min_ms, max(f.max_ms) as max_ms
              from f`)
        : undefined;
      const raw = await tx.execute<{ bucket: number; runs: number; min_ms: number; max_ms: number }>(sql`
        with f as (${unionAll(from.raw(`${durationBucketSql("e.duration_ms")} as bucket, e.duration_ms`, "e.duration_ms is not null"))})
        select f.bucket, count(*)::int as runs, min(f.duration_ms) as min_ms, max(f.duration_ms) as max_ms from f group by f.bucket`);
      const histograms: Histogram[] = raw.rows.map((r) => {
        const counts = new Array<number>(BUCKETS).fill(0);
        counts[r.bucket] = r.runs;
        return { counts, minMs: r.min_ms, maxMs: r.max_ms };
      });
      const sums = rolled?.rows[0];
      if (sums && sums.min_ms !== null) histograms.push({ counts: sums.counts.map(Number), minMs: sums.min_ms, maxMs: sums.max_ms! });
      const alerts = await tx.execute<{ open: number }>(sql`
        select count(*)::int as open from alert_events a join instances i on i.id = a.instance_id
         where a.acknowledged_at is null
           ${input.integrationId ? sql`and i.integration_id = ${input.integrationId}::uuid` : sql``}
           ${input.customerId ? sql`and i.customer_id = ${input.customerId}::uuid` : sql``}`);
      return { grouped, failing, histogram: mergeHistograms(histograms), alerts };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const [first, ...rest] = grouped.rows;
  // with no runs at all, the total row still comes (sum null)
  const t = first && first.bucket === null ? first : { total: 0, succeeded: 0, failed: 0 };
  const series = (first && first.bucket === null ? rest : grouped.rows) as Array<{
    bucket: string;
    succeeded: number;
    failed: number;
    other: number;
  }>;
  const finished = t.succeeded + t.failed;
  const p50 = percentileOf(histogram, 0.5);
  const p95 = percentileOf(histogram, 0.95);
  return {
    bucket,
    series: series.map((r) => ({ at: new Date(r.bucket).toISOString(), succeeded: r.succeeded, failed: r.failed, other: r.other })),
    total: t.total ?? 0,
    succeeded: t.succeeded,
    failed: t.failed,
    failureRate: finished ? t.failed / finished : 0,
    p50Ms: p50 === null ? null : Math.round(p50),
    p95Ms: p95 === null ? null : Math.round(p95),
    failingInstances: failing.rows.map((r) => ({
      instanceId: r.instance_id,
      instance: r.instance,
      customer: r.customer,
      integration: r.integration,
      failed: r.failed,
      total: r.total,
    })),
    openAlerts: alerts.rows[0]?.open ?? 0,
  };
}

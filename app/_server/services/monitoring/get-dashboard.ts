/**
 * The monitoring overview: runs per hour or day (succeeded / failed), failure rate, p50 and p95
 * duration, the instances failing most, open alerts. A few aggregates over the chosen period,
 * each served by an executions index on (integration | customer | -, queued_at desc).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../../db/client";

export interface DashboardInput {
  since: Date;
  until: Date;
  integrationId?: string;
  customerId?: string;
}

/** hours up to three days, days beyond */
export const bucketFor = (since: Date, until: Date) => (until.getTime() - since.getTime() <= 3 * 86_400_000 ? "hour" : "day");

function scope(input: DashboardInput, alias = "e"): SQL {
  const parts: SQL[] = [sql.raw(`${alias}.queued_at >= `), sql`${input.since.toISOString()}::timestamptz`, sql.raw(` and ${alias}.queued_at < `), sql`${input.until.toISOString()}::timestamptz`, sql.raw(` and not ${alias}.is_test`)];
  if (input.integrationId) parts.push(sql.raw(` and ${alias}.integration_id = `), sql`${input.integrationId}::uuid`);
  if (input.customerId) parts.push(sql.raw(` and ${alias}.customer_id = `), sql`${input.customerId}::uuid`);
  return sql.join(parts, sql.raw(""));
}

export async function getDashboard(db: Db, input: DashboardInput) {
  const bucket = bucketFor(input.since, input.until);
  const where = scope(input);
  // one expression, written once: as parameters, two copies would not be the same grouping
  const trunc = sql.raw(`date_trunc('${bucket}', e.queued_at, 'UTC')`);
  // series and totals in one scan: the empty grouping set is the period's total
  const [grouped, failing, alerts] = await Promise.all([
    db.execute<{ bucket: string | null; total: number; succeeded: number; failed: number; other: number; p50: number | null; p95: number | null }>(sql`
      select ${trunc} as bucket,
             count(*)::int as total,
             count(*) filter (where e.status = 'succeeded')::int as succeeded,
             count(*) filter (where e.status = 'failed')::int as failed,
             count(*) filter (where e.status not in ('succeeded', 'failed'))::int as other,
             case when grouping(${trunc}) = 1 then percentile_cont(0.5) within group (order by e.duration_ms) end as p50,
             case when grouping(${trunc}) = 1 then percentile_cont(0.95) within group (order by e.duration_ms) end as p95
        from executions e where ${where}
       group by grouping sets ((${trunc}), ())
       order by 1 nulls first`),
    db.execute<{ instance_id: string; instance: string; customer: string; integration: string; failed: number; total: number }>(sql`
      with f as (
        select e.instance_id, count(*) filter (where e.status = 'failed')::int as failed, count(*)::int as total
          from executions e where ${where} and e.instance_id is not null
         group by e.instance_id
        having count(*) filter (where e.status = 'failed') > 0
         order by 2 desc limit 5)
      select f.*, i.name as instance, c.name as customer, g.name as integration
        from f join instances i on i.id = f.instance_id join customers c on c.id = i.customer_id join integrations g on g.id = i.integration_id
       order by f.failed desc`),
    db.execute<{ open: number }>(sql`
      select count(*)::int as open from alert_events a join instances i on i.id = a.instance_id
       where a.acknowledged_at is null
         ${input.integrationId ? sql`and i.integration_id = ${input.integrationId}::uuid` : sql``}
         ${input.customerId ? sql`and i.customer_id = ${input.customerId}::uuid` : sql``}`),
  ]);
  const [first, ...rest] = grouped.rows;
  // with no runs at all, the total row still comes (count 0)
  const t = first && first.bucket === null ? first : { total: 0, succeeded: 0, failed: 0, p50: null, p95: null };
  const series = (first && first.bucket === null ? rest : grouped.rows) as Array<{ bucket: string; succeeded: number; failed: number; other: number }>;
  const finished = t.succeeded + t.failed;
  return {
    bucket,
    series: series.map((r) => ({ at: new Date(r.bucket).toISOString(), succeeded: r.succeeded, failed: r.failed, other: r.other })),
    total: t.total,
    succeeded: t.succeeded,
    failed: t.failed,
    failureRate: finished ? t.failed / finished : 0,
    p50Ms: t.p50 === null ? null : Math.round(Number(t.p50)),
    p95Ms: t.p95 === null ? null : Math.round(Number(t.p95)),
    failingInstances: failing.rows.map((r) => ({ instanceId: r.instance_id, instance: r.instance, customer: r.customer, integration: r.integration, failed: r.failed, total: r.total })),
    openAlerts: alerts.rows[0]?.open ?? 0,
  };
}

/**
 * The dashboard read from rollups plus raw edges answers what counting every execution answers:
 * the same series, totals and failing instances, and percentiles within a bucket's width — before
 * any rollup, after one, with runs finishing (late) or starting since, and after deletions.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rollupExecutions } from "@/runtime/rollups/rollup-executions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { codeIntegrationYaml } from "@/test/fixtures/code-integration";
import { deploy } from "@/test/fixtures/deploy";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { bucketFor, getDashboard, planPeriod, type DashboardInput } from "./get-dashboard";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof deploy>>;
let b: Awaited<ReturnType<typeof deploy>>;
let extraInstance: string;

const now = Date.now();
const DAY = 86_400_000;

/**
 * seeded runs over 12 days: every status, durations from 0 ms to minutes, some test runs. Later
 * seeds finish their runs now, as every writer does (a run is never written finished in the past).
 */
async function seed(instanceIds: string[], count: number, seedValue: number, finishedNow = false) {
  const client = await t.pool.connect();
  await client.query("select setseed($1)", [seedValue]);
  await client.query(
    `with inst as (select array_agg(id order by id) ids, array_agg(integration_id order by id) ig, array_agg(customer_id order by id) cu, count(*)::int n
                     from instances where id = any($1::uuid[])),
          g as (select g, (g % (select n from inst)) + 1 as k, random() as r, now() - random() * interval '12 days' as at,
                       (exp(random() * 9) - 1)::int as ms, random() < 0.05 as test, random() < 0.5 as other_flow from generate_series(1, $2) g)
     insert into executions (instance_id, integration_id, customer_id, flow_key, status, source, is_test, queued_at, started_at, finished_at, duration_ms)
     select inst.ids[g.k], inst.ig[g.k], inst.cu[g.k], case when g.other_flow then 'other' else 'main' end, s.status,
            'webhook', g.test, g.at, g.at, case when s.final then case when $3 then now() else least(now(), g.at + g.ms * interval '1 ms') end end, case when s.final then g.ms end
       from g, inst,
            lateral (select case when g.r < 0.8 then 'succeeded' when g.r < 0.9 then 'failed' when g.r < 0.93 then 'canceled'
                                 when g.r < 0.96 then 'retry_pending' when g.r < 0.98 then 'running' else 'queued' end as status) st,
            lateral (select st.status, st.status in ('succeeded', 'failed', 'canceled') as final) s`,
    [instanceIds, count, finishedNow],
  );
  client.release();
}

/** the dashboard as it was: every execution counted, percentile_cont over them */
async function rawDashboard(input: DashboardInput) {
  const bucket = bucketFor(input.since, input.until);
  const params = [input.since.toISOString(), input.until.toISOString(), input.integrationId ?? null, input.customerId ?? null];
  const where = `queued_at >= $1 and queued_at < $2 and not is_test and ($3::uuid is null or integration_id = $3) and ($4::uuid is null or customer_id = $4)`;
  const series = await t.pool.query(
    `select date_trunc('${bucket}', queued_at, 'UTC') as at, count(*) filter (where status = 'succeeded')::int as succeeded,
            count(*) filter (where status = 'failed')::int as failed, count(*) filter (where status not in ('succeeded', 'failed'))::int as other
       from executions where ${where} group by 1 order by 1`,
    params,
  );
  const totals = await t.pool.query(
    `select count(*)::int as total, count(*) filter (where status = 'failed')::int as failed,
            percentile_cont(0.5) within group (order by duration_ms) as p50, percentile_cont(0.95) within group (order by duration_ms) as p95
       from executions where ${where}`,
    params,
  );
  const failing = await t.pool.query(
    `select instance_id, count(*) filter (where status = 'failed')::int as failed, count(*)::int as total
       from executions where ${where} group by 1 having count(*) filter (where status = 'failed') > 0 order by 2 desc, 1`,
    params,
  );
  return {
    series: series.rows.map((r) => ({ at: r.at.toISOString(), succeeded: r.succeeded, failed: r.failed, other: r.other })),
    total: totals.rows[0].total as number,
    failed: totals.rows[0].failed as number,
    p50: totals.rows[0].p50 as number | null,
    p95: totals.rows[0].p95 as number | null,
    failing: failing.rows as { instance_id: string; failed: number; total: number }[],
  };
}

const periods = (): [string, DashboardInput][] => {
  const until = new Date(now - 17 * 60_000 - 123); // not on an hour
  const ago = (ms: number) => new Date(until.getTime() - ms);
  return [
    ["24 hours", { since: ago(DAY), until }],
    ["3 days", { since: ago(3 * DAY), until }],
    ["7 days", { since: ago(7 * DAY), until }],
    ["30 days", { since: ago(30 * DAY), until: new Date(now + 60_000) }],
    ["7 days of one integration", { since: ago(7 * DAY), until, integrationId: a.integrationId }],
    ["10 days of one customer", { since: ago(10 * DAY), until, customerId: b.customerId }],
    ["a partial hour", { since: ago(40 * 60_000), until }],
    [
      "two whole days in the past",
      { since: new Date(Math.floor((now - 6 * DAY) / DAY) * DAY), until: new Date(Math.floor((now - 2 * DAY) / DAY) * DAY) },
    ],
  ];
};

async function expectSameAsRaw() {
  for (const [name, input] of periods()) {
    const [got, want] = await Promise.all([getDashboard(t.db, input), rawDashboard(input)]);
    expect({ name, series: got.series }).toEqual({ name, series: want.series });
    expect({ name, total: got.total, failed: got.failed }).toEqual({ name, total: want.total, failed: want.failed });
    // the five failing most (ties in any order), each with its exact counts
    const byId = new Map(want.failing.map((f) => [f.instance_id, f]));
    expect(got.failingInstances.map((f) => f.failed)).toEqual(want.failing.slice(0, 5).map((f) => f.failed));
    for (const f of got.failingInstances)
      expect({ failed: f.failed, total: f.total }).toEqual({
        failed: byId.get(f.instanceId)!.failed,
        total: byId.get(f.instanceId)!.total,
      });
    for (const [figure, p] of [
      [got.p50Ms, want.p50],
      [got.p95Ms, want.p95],
    ] as const) {
      if (p === null) expect(figure).toBeNull();
      else expect(Math.abs(figure! - p), `${name}: ${figure} vs ${p}`).toBeLessThanOrEqual(p * 0.1 + 1);
    }
  }
}

const rollupRows = async () =>
  (await t.pool.query("select grain, count(*)::int as n, sum(runs)::int as runs from execution_rollups group by 1 order by 1")).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  a = await deploy(t.db, codeIntegrationYaml("Rollup A"));
  b = await deploy(t.db, codeIntegrationYaml("Rollup B"));
  const c = await deploy(t.db, codeIntegrationYaml("Rollup C"), {}, "Customer C");
  extraInstance = c.instance.id;
  await seed([a.instance.id, b.instance.id, c.instance.id], 6000, 0.42);
});

afterAll(async () => {
  await t?.drop();
});

describe("dashboard from rollups", () => {
  test("before any rollup, everything is read from the executions", async () => {
    expect(await rollupRows()).toEqual([]);
    await expectSameAsRaw();
  });

  test("after a rollup in daily steps: hours and days hold every final live run, and the answers are the same", async () => {
    const r = await rollupExecutions(t.pool, { lagMs: 0, stepMs: DAY });
    expect(r.passes).toBeGreaterThanOrEqual(12);
    expect(r.runs).toBe((await rollupRows()).find((x) => x.grain === "hour").runs);
    const finalRuns = (
      await t.pool.query("select count(*)::int as n from executions where not is_test and status in ('succeeded', 'failed', 'canceled')")
    ).rows[0].n;
    expect(await rollupRows()).toEqual([
      { grain: "day", n: expect.any(Number), runs: finalRuns },
      { grain: "hour", n: expect.any(Number), runs: finalRuns },
    ]);
    expect(planPeriod(new Date(now - 7 * DAY), new Date(now), "day").days).not.toBeNull();
    await expectSameAsRaw();
  });

  test("runs that start, finish late (days after they were queued) or finish now count at once, and are added to their hour at the next pass", async () => {
    await t.pool.query(
      `update executions set status = 'succeeded', finished_at = now(), duration_ms = 777
        where id in (select id from executions where status in ('running', 'retry_pending') and not is_test and queued_at < now() - interval '4 days' limit 20)`,
    );
    await seed([a.instance.id, b.instance.id], 300, 0.7, true);
    await expectSameAsRaw();
    const again = await rollupExecutions(t.pool, { lagMs: 0 });
    const finishedSince = (
      await t.pool.query(
        "select count(*)::int as n from executions where not is_test and status in ('succeeded', 'failed', 'canceled') and finished_at > now() - interval '1 minute'",
      )
    ).rows[0].n;
    expect(again).toEqual({ passes: 1, runs: finishedSince });
    await expectSameAsRaw();
  });

  test("a pass with nothing new changes nothing; a deleted instance leaves the figures with its runs", async () => {
    const before = await rollupRows();
    expect(await rollupExecutions(t.pool, { lagMs: 0 })).toEqual({ passes: 1, runs: 0 });
    expect(await rollupRows()).toEqual(before);
    await t.pool.query("delete from instances where id = $1", [extraInstance]);
    await expectSameAsRaw();
  });
});

/**
 * Monitoring figures on 1,000,000 executions (100 instances of 5 integrations, 30 days, realistic
 * statuses and durations), seeded with one INSERT … SELECT:
 *  - the executions list (first page, filtered, next page by cursor);
 *  - the leader's rollup: the first pass over every execution, then a pass after 1,000 runs finish;
 *  - the dashboard's aggregates over 24 hours, 7 and 30 days, all and per integration (whole
 *    hours and days from the rollups, the edges and unfinished runs from the executions);
 *  - pruning 1,000,000 old log lines while a loop of small inserts (a sink's batches) runs:
 *    the inserts' worst latency shows whether pruning holds locks for long.
 */
import { listExecutions } from "@/app/_server/services/executions/list-executions";
import { getDashboard } from "@/app/_server/services/monitoring/get-dashboard";
import { pruneExecutions } from "@/runtime/retention/prune-executions";
import { rollupExecutions } from "@/runtime/rollups/rollup-executions";
import { codeIntegrationYaml } from "@/test/fixtures/code-integration";
import { deploy } from "@/test/fixtures/deploy";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { benchDatabase, percentile, printTable } from "./support/bench-database";

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 1_000_000);
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);

/** median of `times` runs after one warm-up */
async function timed(fn: () => Promise<unknown>, times = 5): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return percentile(ms, 50);
}

export default async function bench() {
  const db = await benchDatabase("monitoring");
  await installBuiltins(db.db);
  const rows: Parameters<typeof printTable>[0] = [];
  const row = (figure: string, ms: number, target = 300) =>
    rows.push({ figure, measured: ms.toFixed(1), target: `< ${target}`, ok: ms < target });

  // 5 integrations, each deployed to a customer, then 100 instances spread over them
  const deployed: Awaited<ReturnType<typeof deploy>>[] = [];
  for (let n = 1; n <= 5; n++) deployed.push(await deploy(db.db, codeIntegrationYaml(`Bench monitoring ${n}`), {}, `Bench customer ${n}`));
  await db.pool.query(
    `insert into instances (name, integration_id, customer_id, version_id, config_values)
     select 'bench instance ' || g, i.integration_id, i.customer_id, i.version_id, '{}'::jsonb
       from generate_series(6, 100) g
       join (select row_number() over (order by created_at) - 1 as k, * from instances) i on i.k = g % 5`,
  );

  let t = performance.now();
  await db.pool.query(
    `with inst as (select array_agg(id order by id) ids, array_agg(integration_id order by id) ig, array_agg(customer_id order by id) cu, count(*)::int n from instances),
          g as (select g, (g % (select n from inst)) + 1 as k, random() as r, now() - random() * interval '30 days' as at,
                       (exp(random() * 6) * 20)::int as ms from generate_series(1, $1) g)
     insert into executions (instance_id, integration_id, customer_id, flow_key, status, source, queued_at, started_at, finished_at, duration_ms, attempt, error)
     select inst.ids[g.k], inst.ig[g.k], inst.cu[g.k], 'main',
            case when g.r < 0.90 then 'succeeded' when g.r < 0.97 then 'failed' when g.r < 0.98 then 'retry_pending' when g.r < 0.99 then 'canceled' else 'running' end,
            case when g.g % 10 = 0 then 'schedule' else 'webhook' end,
            g.at, g.at + interval '20 ms', g.at + interval '20 ms' + g.ms * interval '1 ms', g.ms, 1,
            case when g.r >= 0.90 and g.r < 0.97 then '{"message":"the ERP is down","stepKey":"note"}'::jsonb end
       from g, inst`,
    [EXECUTIONS],
  );
  await db.pool.query("analyze executions");
  rows.push({
    figure: `seed ${EXECUTIONS.toLocaleString()} executions (s)`,
    measured: ((performance.now() - t) / 1000).toFixed(1),
    target: "(info)",
    ok: true,
  });

  // the executions list
  const first = await listExecutions(db.db, { limit: 50 });
  const instanceId = deployed[2]!.instance.id;
  row("list: first page, no filter (ms)", await timed(() => listExecutions(db.db, { limit: 50 })));
  row("list: next page by cursor (ms)", await timed(() => listExecutions(db.db, { limit: 50, cursor: first.nextCursor! })));
  row("list: one instance (ms)", await timed(() => listExecutions(db.db, { instanceId, limit: 50 })));
  row("list: status failed (ms)", await timed(() => listExecutions(db.db, { status: "failed", limit: 50 })));
  row(
    "list: customer, last 7 days, failed (ms)",
    await timed(() =>
      listExecutions(db.db, {
        customerId: deployed[1]!.customerId,
        status: "failed",
        since: new Date(Date.now() - 7 * 86_400_000),
        limit: 50,
      }),
    ),
  );
  row("list: live only, flow key (ms)", await timed(() => listExecutions(db.db, { isTest: false, flow: "main", limit: 50 })));

  // the rollup: the first pass (a new installation's history, in daily steps), then the leader's
  // minute: 1,000 runs (some queued days ago) finish and a pass rolls up their hours
  t = performance.now();
  const backfill = await rollupExecutions(db.pool, { lagMs: 0 });
  rows.push({
    figure: `rollup: first pass, ${backfill.passes} daily steps, ${backfill.runs.toLocaleString()} runs (s)`,
    measured: ((performance.now() - t) / 1000).toFixed(1),
    target: "(info)",
    ok: true,
  });
  await db.pool.query("analyze execution_rollups; analyze execution_duration_rollups");
  await db.pool.query(
    `update executions set status = 'succeeded', finished_at = now(), duration_ms = 250
      where id in (select id from executions where status in ('running', 'retry_pending') limit 1000)`,
  );
  t = performance.now();
  const pass = await rollupExecutions(db.pool, { lagMs: 0 });
  row(`rollup: a pass after ${pass.runs.toLocaleString()} runs finished (ms)`, performance.now() - t, 1000);

  // the dashboard (four aggregates in parallel per call)
  const until = new Date();
  const ago = (days: number) => new Date(until.getTime() - days * 86_400_000);
  row("dashboard: last 24 hours (ms)", await timed(() => getDashboard(db.db, { since: ago(1), until })));
  row("dashboard: last 7 days (ms)", await timed(() => getDashboard(db.db, { since: ago(7), until })));
  row("dashboard: last 30 days (ms)", await timed(() => getDashboard(db.db, { since: ago(30), until })));
  row(
    "dashboard: 7 days, one integration (ms)",
    await timed(() => getDashboard(db.db, { since: ago(7), until, integrationId: deployed[0]!.integrationId })),
  );
  row(
    "dashboard: 30 days, one customer (ms)",
    await timed(() => getDashboard(db.db, { since: ago(30), until, customerId: deployed[0]!.customerId })),
  );
  const plan = await db.pool.query(
    `explain select date_trunc('hour', queued_at, 'UTC'), count(*) from executions where queued_at >= now() - interval '1 day' and queued_at < now() and not is_test group by 1`,
  );
  const usesIndex = plan.rows.some((r) => /executions_queued_idx/.test(r["QUERY PLAN"]));
  rows.push({ figure: "dashboard 24 h series uses executions_queued_idx", measured: String(usesIndex), target: "true", ok: usesIndex });

  // pruning old log lines while the sink's small inserts go on
  t = performance.now();
  await db.pool.query(
    `insert into execution_logs (execution_id, attempt, step_key, level, message, created_at)
     select e.id, 1, 'note', 'info', 'an old log line ' || g, now() - interval '20 days'
       from generate_series(1, $1) g
       join (select id, row_number() over () as k from (select id from executions limit 10000) x) e on e.k = 1 + g % 10000`,
    [LOG_ROWS],
  );
  await db.pool.query("analyze execution_logs");
  rows.push({
    figure: `seed ${LOG_ROWS.toLocaleString()} old log lines (s)`,
    measured: ((performance.now() - t) / 1000).toFixed(1),
    target: "(info)",
    ok: true,
  });
  const recent = first.items[0]!.id;
  let pruning = true;
  const latencies: number[] = [];
  const inserts = (async () => {
    while (pruning) {
      const s = performance.now();
      await db.pool.query(
        `insert into execution_logs (execution_id, attempt, step_key, level, message) select $1, 1, 'note', 'info', 'new line ' || g from generate_series(1, 10) g`,
        [recent],
      );
      latencies.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  t = performance.now();
  const pruned = await pruneExecutions(db.pool, { batch: 5000 });
  const pruneMs = performance.now() - t;
  pruning = false;
  await inserts;
  latencies.sort((a, b) => a - b);
  rows.push(
    {
      figure: `prune: ${pruned.logs.toLocaleString()} log lines, ${pruned.executions.toLocaleString()} executions marked (s)`,
      measured: (pruneMs / 1000).toFixed(1),
      target: "(info)",
      ok: pruned.logs >= LOG_ROWS,
    },
    {
      figure: `inserts during pruning (${latencies.length}): p99 (ms)`,
      measured: percentile(latencies, 99).toFixed(1),
      target: "(info)",
      ok: true,
    },
    {
      figure: "inserts during pruning: max latency (ms)",
      measured: (latencies[latencies.length - 1] ?? 0).toFixed(1),
      target: "< 200",
      ok: (latencies[latencies.length - 1] ?? 0) < 200,
    },
  );

  printTable(rows);
  await db.close();
}

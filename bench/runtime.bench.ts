/**
 * Runtime figures (issue: triggers, queue and execution service), measured on this machine:
 *  - asynchronous ingest: 50 clients against a 3-step flow for BENCH_SECONDS (default 20), clean
 *    and with poisoned requests (NUL, unpaired surrogate, too-deep JSON; a tenth of all requests,
 *    from attacker connections of their own) to another customer's instance, in alternating
 *    halves: honest throughput and p99 beside the clean run's, no honest 5xx; then every accepted
 *    execution must complete (`lost: 0`);
 *  - synchronous 3-step flow (HTTP GET to a local server, a code step, Persist Data): one client,
 *    then 20 clients;
 *  - 1,000 instances scheduled in the same minute: lateness from the minute to each run's start,
 *    for instances of one customer, then of 1,000 customers (runs of different customers never
 *    share a sandbox context, so the second pays for a fresh one per run).
 * The synchronous and schedule figures come first and run as `npm start` does, web and worker in
 * one process. Ingest comes last (its drain leaves the database busy for a while), measured on a
 * web process without workers (production runs them apart; on two cores a worker in the same
 * process halves what the fast path gets); workers start once the load stops and drain the
 * backlog. Load comes from a separate process.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createSandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime } from "@/runtime/runtime";
import { deploy } from "@/test/fixtures/deploy";
import { benchDatabase, percentile, printTable, type BenchDatabase } from "./support/bench-database";
import { cpuSince, sampleCpu } from "./support/cpu-usage";
import { asyncFlow, syncFlow } from "./support/flows";
import { loadGenerator, type LoadFigures } from "./support/load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** which parts to run, e.g. BENCH_PARTS=sync or sync,schedule,ingest (the default: all) */
const PARTS = new Set((process.env.BENCH_PARTS ?? "sync,schedule,ingest").split(","));

/** the honest load, and attackers in a process of their own (as they would be other machines) */
async function withAttackers(url: string, seconds: number, poison: { url: string; perSecond: number }): Promise<LoadFigures> {
  const [honest, attackers] = await Promise.all([loadGenerator(url, 50, seconds), loadGenerator(url, 0, seconds, "", poison)]);
  return { ...honest, poisonStatuses: attackers.poisonStatuses };
}

/** two runs of the same load as one: rates over both, the worse p50/p99, statuses and ids summed */
function combined(a: LoadFigures, b: LoadFigures): LoadFigures {
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    ...a,
    perSecond: (a.perSecond * a.elapsed + b.perSecond * b.elapsed) / (a.elapsed + b.elapsed),
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    statuses: sum(a.statuses, b.statuses),
    poisonStatuses: sum(a.poisonStatuses, b.poisonStatuses),
    errors: a.errors + b.errors,
    accepted: [...a.accepted, ...b.accepted],
  };
}

const fivexx = (statuses: Record<string, number>) =>
  Object.entries(statuses).reduce((n, [s, count]) => n + (Number(s) >= 500 ? count : 0), 0);

const scheduledFlow = `definitionVersion: 1
name: Bench schedule
flows:
  - name: Tick
    trigger: { type: schedule, schedule: { every: 1, unit: minutes } }
    steps:
      - name: Note
        action: code.runCode
        inputs:
          code: { value: "module.exports = async () => ({ data: 1 });" }
`;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** deploys the scheduled flow to 1,000 instances and returns each run's lateness past its minute */
async function scheduledLateness(db: BenchDatabase, customerEach: boolean): Promise<{ started: boolean; lateness: number[] }> {
  const sc = await deploy(
    db.db,
    scheduledFlow.replace("name: Bench schedule", `name: Bench schedule (${customerEach ? "a customer each" : "one customer"})`),
  );
  await db.pool.query(
    `with src as (select * from instances where id = $1),
          owners as (
            insert into customers (name)
            select 'bench customer ' || g || ' ' || $1 from generate_series(2, 1000) g where $2
            returning id),
          owner_list as (
            select row_number() over () + 1 as g, id from owners
            union all
            select g, (select customer_id from src) from generate_series(2, 1000) g where not $2),
          made as (
            insert into instances (name, integration_id, customer_id, version_id, config_values)
            select 'bench ' || o.g || ' ' || $1, src.integration_id, o.id, src.version_id, src.config_values from src, owner_list o
            returning id)
     insert into instance_flows (instance_id, flow_key, flow_name, webhook_token, schedule)
     select id, 'tick', 'Tick', md5(random()::text || id::text), '{"every":1,"unit":"minutes"}'::jsonb from made`,
    [sc.instance.id, customerEach],
  );
  await db.pool.query(`select pg_notify('junction_instances', 'bench')`);
  const minuteMs = Number(process.env.JUNCTION_MINUTE_MS);
  const firstFull = (Math.floor(Date.now() / minuteMs) + 2) * minuteMs; // a minute that starts after the cache reload
  const ofThese =
    "source = 'schedule' and scheduled_for = $1 and started_at is not null and instance_id in (select id from instances where integration_id = $2)";
  const started = await waitUntil(
    async () => {
      const r = await db.pool.query(`select count(*)::int as n from executions where ${ofThese}`, [new Date(firstFull), sc.integrationId]);
      return r.rows[0].n >= 1000;
    },
    3 * minuteMs + 30_000,
  );
  const late = await db.pool.query(
    `select extract(epoch from started_at - scheduled_for) * 1000 as ms from executions where ${ofThese} order by 1`,
    [new Date(firstFull), sc.integrationId],
  );
  // the next variant's instances must not share this minute's work
  await db.pool.query("update instances set enabled = false where integration_id = $1", [sc.integrationId]);
  await db.pool.query(`select pg_notify('junction_instances', 'bench')`);
  return { started, lateness: late.rows.map((r) => Number(r.ms)) };
}

export default async function bench() {
  process.env.JUNCTION_MINUTE_MS = process.env.BENCH_MINUTE_MS ?? "5000";
  const db = await benchDatabase("runtime");
  await installBuiltins(db.db);
  const boss = await startBoss(db.url, { supervise: false });
  const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(db.db), network: { allowPrivateNetwork: true } });
  // web and worker in one runtime, as `npm start` runs them
  const app = await startRuntime({ url: db.url, pool: db.pool, boss, runner, worker: true });
  let handler = app.webhookHandler;
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"name":"widget","price":5}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const rows: Parameters<typeof printTable>[0] = [];

  if (PARTS.has("sync")) {
    // synchronous 3-step flow
    const s = await deploy(db.db, syncFlow, { apiUrl });
    const syncUrl = `${base}/webhooks/${s.tokens.lookup}`;
    const one: number[] = [];
    for (let i = 0; i < 300; i++) {
      const started = performance.now();
      const res = await fetch(syncUrl, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      await res.arrayBuffer();
      if (i >= 20) one.push(performance.now() - started); // after warm-up
    }
    one.sort((x, y) => x - y);
    const cpu = sampleCpu();
    const many = await loadGenerator(syncUrl, Number(process.env.BENCH_SYNC_CLIENTS ?? 20), Math.min(SECONDS, 10));
    const used = cpuSince(cpu);
    const perRun = (ms: number) => (ms / Math.max(1, many.requests)).toFixed(2);
    rows.push(
      {
        figure: "sync 3-step flow, 1 client: p50 (ms)",
        measured: percentile(one, 50).toFixed(1),
        target: "< 15",
        ok: percentile(one, 50) < 15,
      },
      {
        figure: "sync 3-step flow, 1 client: p99 (ms)",
        measured: percentile(one, 99).toFixed(1),
        target: "< 40",
        ok: percentile(one, 99) < 40,
      },
      {
        figure: `sync 3-step flow, 20 clients: runs/s (${many.statuses["200"] ?? 0} ok)`,
        measured: many.perSecond.toFixed(0),
        target: ">= 500",
        ok: many.perSecond >= 500 && (many.statuses["200"] ?? 0) === many.requests,
      },
      { figure: "  CPU per run: web+worker process (ms)", measured: perRun(used.selfMs), target: "(info)", ok: true },
      { figure: "  CPU per run: PostgreSQL (ms)", measured: perRun(used.postgresMs), target: "(info)", ok: true },
      { figure: "  CPU per run: load generator (ms)", measured: perRun(many.cpuMs), target: "(info)", ok: true },
    );
  }

  if (PARTS.has("schedule")) {
    // 1,000 instances scheduled in the same minute: of one customer (their runs may share sandbox
    // contexts), then of 1,000 customers (each run gets a context of its own)
    for (const customers of ["one customer", "1,000 customers"] as const) {
      const { started, lateness } = await scheduledLateness(db, customers === "1,000 customers");
      rows.push(
        {
          figure: `1,000 scheduled instances (${customers}): runs started`,
          measured: String(lateness.length),
          target: "1000",
          ok: started && lateness.length === 1000,
        },
        { figure: "scheduled lateness p50 (ms)", measured: percentile(lateness, 50).toFixed(0), target: "(info)", ok: true },
        {
          figure: "scheduled lateness p99 (ms)",
          measured: percentile(lateness, 99).toFixed(0),
          target: "< 2000",
          ok: percentile(lateness, 99) < 2000,
        },
      );
    }
  }

  // asynchronous ingest, last: the drain of tens of thousands of runs leaves autovacuum and the
  // dashboard's rollup busy for a while, which would weigh on the figures above. A web process
  // without a worker takes the load; workers start when it stops.
  await app.stop();
  if (PARTS.has("ingest")) {
    const web = await startRuntime({ url: db.url, pool: db.pool, boss, runner, worker: false });
    handler = web.webhookHandler;
    const a = await deploy(db.db, asyncFlow);
    const attacker = await deploy(db.db, asyncFlow.replace("name: Bench async", "name: Bench async (attacker)"));
    const honestUrl = `${base}/webhooks/${a.tokens.ingest}`;
    // the same honest load, clean and with another customer's poisoned requests mixed in (a tenth
    // of all requests, at the clean rate) — in alternating halves, so both meet the same growing tables
    const half = SECONDS / 2;
    const clean1 = await loadGenerator(honestUrl, 50, half);
    const poison = { url: `${base}/webhooks/${attacker.tokens.ingest}`, perSecond: clean1.perSecond / 9 };
    const mixed1 = await withAttackers(honestUrl, half, poison);
    const clean2 = await loadGenerator(honestUrl, 50, half);
    const mixed2 = await withAttackers(honestUrl, half, poison);
    const ingest = combined(clean1, clean2);
    const mixed = combined(mixed1, mixed2);
    const accepted = new Set([...ingest.accepted, ...mixed.accepted]);
    const workers = await startRuntime({ url: db.url, pool: db.pool, boss, runner, worker: true, scheduler: false });
    workers.worker!.wake();
    const drainStart = Date.now();
    const drained = await waitUntil(async () => {
      const r = await db.pool.query(
        "select count(*)::int as n from executions where instance_id = $1 and status in ('queued','running','retry_pending')",
        [a.instance.id],
      );
      return r.rows[0].n === 0;
    }, 15 * 60_000);
    const done = await db.pool.query("select id from executions where instance_id = $1 and status = 'succeeded'", [a.instance.id]);
    const succeeded = new Set(done.rows.map((r) => r.id as string));
    const lost = [...accepted].filter((id) => !succeeded.has(id)).length;
    rows.push(
      {
        figure: `async ingest, 50 clients, ${SECONDS} s: accepted/s`,
        measured: ingest.perSecond.toFixed(0),
        target: ">= 2000",
        ok: ingest.perSecond >= 2000,
      },
      { figure: "async ingest p99 latency (ms)", measured: ingest.p99.toFixed(1), target: "< 50", ok: ingest.p99 < 50 },
      { figure: "async ingest p50 latency (ms)", measured: ingest.p50.toFixed(1), target: "(info)", ok: true },
      {
        figure: `  with 10 % poisoned requests: honest accepted/s (${((100 * mixed.perSecond) / Math.max(1, ingest.perSecond)).toFixed(0)} % of clean)`,
        measured: mixed.perSecond.toFixed(0),
        target: `>= 95 % of ${ingest.perSecond.toFixed(0)}`,
        ok: mixed.perSecond >= 0.95 * ingest.perSecond,
      },
      {
        figure: "  with 10 % poisoned requests: honest p99 (ms)",
        measured: mixed.p99.toFixed(1),
        target: `(clean: ${ingest.p99.toFixed(1)})`,
        ok: true,
      },
      {
        figure: "  honest requests answered 5xx",
        measured: String(fivexx(mixed.statuses) + fivexx(ingest.statuses)),
        target: "0",
        ok: fivexx(mixed.statuses) + fivexx(ingest.statuses) === 0,
      },
      {
        figure: "  poisoned requests answered 400",
        measured: `${mixed.poisonStatuses["400"] ?? 0} of ${Object.values(mixed.poisonStatuses).reduce((x, y) => x + y, 0)}`,
        target: "all",
        ok: Object.keys(mixed.poisonStatuses).length > 0 && Object.keys(mixed.poisonStatuses).every((s) => s === "400"),
      },
      {
        figure: `accepted executions (${ingest.errors + mixed.errors} client errors)`,
        measured: String(accepted.size),
        target: "(info)",
        ok: true,
      },
      {
        figure: `completed afterwards (drained in ${((Date.now() - drainStart) / 1000).toFixed(1)} s)`,
        measured: `lost: ${lost}`,
        target: "lost: 0",
        ok: drained && lost === 0,
      },
    );
    await web.stop();
    await workers.stop();
  }

  printTable(rows);
  server.close();
  api.close();
  await runner.close();
  await boss.stop({ graceful: false, wait: true });
  await db.close();
}

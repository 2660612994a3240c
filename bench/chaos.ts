/**
 * `npm run chaos`: does every accepted run end, and end once, when processes die?
 *
 * Asynchronous webhook load (CHAOS_CLIENTS, 20) against a web process and two worker processes
 * on one PostgreSQL (an embedded one of its own, since it is restarted): a worker's process group
 * is SIGKILLed every CHAOS_KILL_EVERY_S (6) and started again, PostgreSQL is restarted once
 * mid-run, until CHAOS_ACCEPTED (5,000) webhooks were answered 202 and at least 5 kills were
 * done; then the drain (at most CHAOS_DRAIN_S, 180). The flow's HTTP step calls a counter here
 * with the webhook's own key, so a run executed twice is seen. Prints accepted, succeeded,
 * failed, unfinished and executed-more-than-once (each of which must be a crash re-run, visible
 * in its attempts); exits 1 when any accepted run did not succeed.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type Database } from "@/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { deploy } from "@/test/fixtures/deploy";
import { startCounterServer } from "./chaos/counter-server";
import { signalGroup, startProcess, stopProcess, type Proc } from "./support/processes";
import { printTable } from "./support/bench-database";

const ACCEPTED = Number(process.env.CHAOS_ACCEPTED ?? 5_000);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 20);
const RATE = Number(process.env.CHAOS_RATE ?? 80); // webhooks per second, all clients together
const KILL_EVERY_MS = Number(process.env.CHAOS_KILL_EVERY_S ?? 6) * 1000;
const MIN_KILLS = 5;
const DRAIN_MS = Number(process.env.CHAOS_DRAIN_S ?? 180) * 1000;

const log = (m: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${m}`);

const flow = (counterUrl: string) => `definitionVersion: 1
name: Chaos
flows:
  - name: Hit
    trigger: { type: webhook }
    execution: { synchronous: false }
    steps:
      - name: Count
        action: http.get
        inputs:
          url: { template: "${counterUrl}/hit/{{trigger.results.body.key}}" }
`;

interface Accepted {
  id: string;
  key: string;
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), "junction-chaos-"));
  chmodSync(tmp, 0o755);
  // the processes' output, kept after the run for a look when it failed
  const logs = mkdtempSync(join(tmpdir(), "junction-chaos-logs-"));
  const port = await freePort();
  let pg: EmbeddedDatabase | undefined;
  let db: Database | undefined;
  const procs: Proc[] = [];
  const cleanup = async () => {
    await Promise.all(procs.map((p) => stopProcess(p)));
    await db?.pool.end().catch(() => {});
    await pg?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    pg = await startEmbeddedPostgres({ dataDir: join(tmp, "pg"), port, database: "chaos" });
    await migrateDatabase(pg.url);
    db = createDatabase(pg.url, { max: 4 });
    await installBuiltins(db.db);
    // answering in 100 ms keeps a few runs in flight on each worker when it is killed
    const counter = await startCounterServer(100);
    const { tokens } = await deploy(db.db, flow(counter.url));
    const env = {
      DATABASE_URL: pg.url,
      JUNCTION_ALLOW_PRIVATE_NETWORK: "true",
      JUNCTION_STALE_RUN_MS: process.env.JUNCTION_STALE_RUN_MS ?? "4000",
      JUNCTION_HEARTBEAT_MS: process.env.JUNCTION_HEARTBEAT_MS ?? "1000",
      JUNCTION_SWEEP_GRACE_MS: process.env.JUNCTION_SWEEP_GRACE_MS ?? "5000",
    };

    const web = startProcess("web", ["bench/support/web-process.ts"], env, /^ready \d+/, join(logs, "web.log"));
    procs.push(web);
    const webhook = `http://127.0.0.1:${(await web.ready).split(" ")[1]}/webhooks/${tokens.hit}`;
    const workers: Proc[] = [];
    let started = 0;
    const startWorker = () => {
      const n = ++started;
      const w = startProcess(`worker ${n}`, ["server/main.ts", "worker"], env, /worker running/, join(logs, `worker-${n}.log`));
      procs.push(w);
      return w;
    };
    for (let i = 0; i < 2; i++) workers.push(startWorker());
    await Promise.all(workers.map((w) => w.ready));
    log(`processes' output in ${logs}`);
    log(`web and 2 workers ready; load: ${CLIENTS} clients, ${RATE}/s, until ${ACCEPTED} accepted`);

    // the load
    const accepted: Accepted[] = [];
    const refused: Record<string, number> = {};
    let loadDone = false;
    const began = Date.now();
    let sent = 0;
    const client = async () => {
      while (!loadDone) {
        const due = began + (sent++ / RATE) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        const key = randomUUID();
        try {
          const res = await fetch(webhook, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ key }),
            signal: AbortSignal.timeout(30_000),
          });
          const body = (await res.json().catch(() => ({}))) as { executionId?: string };
          if (res.status === 202 && body.executionId) accepted.push({ id: body.executionId, key });
          else refused[res.status] = (refused[res.status] ?? 0) + 1;
        } catch (err) {
          const what = `connection: ${(err as Error).cause ? String(((err as Error).cause as Error).message) : (err as Error).message}`;
          refused[what] = (refused[what] ?? 0) + 1;
          await new Promise((r) => setTimeout(r, 100));
        }
        if (accepted.length >= ACCEPTED) loadDone = true;
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    // the chaos: a worker killed every few seconds (a new one started in its place), PostgreSQL
    // restarted once, when 40 % of the load is in
    let kills = 0;
    let restarts = 0;
    const restart = (async () => {
      while (accepted.length < ACCEPTED * 0.4) await new Promise((r) => setTimeout(r, 200));
      log(`restarting PostgreSQL; accepted so far ${accepted.length}`);
      await pg!.stop();
      pg = await startEmbeddedPostgres({ dataDir: join(tmp, "pg"), port, database: "chaos" });
      restarts++;
      log("PostgreSQL is back");
    })();
    const chaos = (async () => {
      while (!loadDone || kills < MIN_KILLS) {
        await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
        const victim = workers.shift()!;
        signalGroup(victim, "SIGKILL");
        kills++;
        log(`SIGKILL ${victim.name} (kill ${kills}); accepted so far ${accepted.length}, not accepted ${JSON.stringify(refused)}`);
        const fresh = startWorker();
        workers.push(fresh);
        fresh.ready.then(
          () => log(`${fresh.name} ready`),
          (err) => log(`${fresh.name} did not start: ${(err as Error).message}`),
        );
      }
    })();
    await Promise.all(clients);
    const loadSeconds = (Date.now() - began) / 1000;
    log(`load done: ${accepted.length} accepted in ${loadSeconds.toFixed(0)} s`);
    await Promise.all([chaos, restart]);

    // the drain
    const ids = accepted.map((a) => a.id);
    const drainStart = Date.now();
    const statuses = async () =>
      Object.fromEntries(
        (
          await db!.pool.query("select status, count(*)::int as n from executions where id = any($1::uuid[]) group by status", [ids])
        ).rows.map((r) => [r.status, r.n]),
      ) as Record<string, number>;
    let counts = await statuses();
    const unfinishedOf = (c: Record<string, number>) => (c.queued ?? 0) + (c.running ?? 0) + (c.retry_pending ?? 0);
    while (unfinishedOf(counts) > 0 && Date.now() - drainStart < DRAIN_MS) {
      await new Promise((r) => setTimeout(r, 2_000));
      counts = await statuses().catch(() => counts);
      log(`draining: ${JSON.stringify(counts)}`);
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;

    // executed more than once: each must be a crash re-run, with a lost attempt before it
    const byKey = new Map(accepted.map((a) => [a.key, a.id]));
    const twice = [...counter.hits].filter(([key, n]) => n > 1 && byKey.has(key)).map(([key]) => byKey.get(key)!);
    const notAccepted = [...counter.hits.keys()].filter((key) => !byKey.has(key)).length;
    const explained = twice.length
      ? (
          await db.pool.query<{ n: number }>(
            `select count(distinct execution_id)::int as n from execution_attempts where execution_id = any($1::uuid[]) and status = 'lost'`,
            [twice],
          )
        ).rows[0]!.n
      : 0;
    const rerunRuns = (
      await db.pool.query<{ n: number }>("select count(*)::int as n from executions where id = any($1::uuid[]) and crash_reruns > 0", [ids])
    ).rows[0]!.n;

    const succeeded = counts.succeeded ?? 0;
    const unfinished = unfinishedOf(counts);
    console.log("");
    printTable([
      { figure: "webhooks accepted (202)", measured: String(accepted.length), target: `>= ${ACCEPTED}`, ok: accepted.length >= ACCEPTED },
      { figure: "  succeeded", measured: String(succeeded), target: "= accepted", ok: succeeded === accepted.length },
      { figure: "  failed", measured: String(counts.failed ?? 0), target: "0", ok: !counts.failed },
      { figure: "  canceled", measured: String(counts.canceled ?? 0), target: "0", ok: !counts.canceled },
      {
        figure: `  still unfinished after the drain (${drainSeconds.toFixed(0)} s)`,
        measured: String(unfinished),
        target: "0",
        ok: unfinished === 0,
      },
      { figure: "  executed more than once", measured: String(twice.length), target: "(counted)", ok: true },
      { figure: "    of those, a crash re-run (lost attempt)", measured: String(explained), target: "all", ok: explained === twice.length },
      { figure: "  runs re-run after a worker died", measured: String(rerunRuns), target: "(info)", ok: true },
      { figure: "worker SIGKILLs", measured: String(kills), target: `>= ${MIN_KILLS}`, ok: kills >= MIN_KILLS },
      { figure: "PostgreSQL restarts", measured: String(restarts), target: "1", ok: restarts === 1 },
      { figure: "webhooks not accepted (answered otherwise)", measured: JSON.stringify(refused), target: "(info)", ok: true },
      { figure: "  of those, run anyway (answer lost in the restart)", measured: String(notAccepted), target: "(info)", ok: true },
      { figure: "load seconds", measured: loadSeconds.toFixed(0), target: "(info)", ok: true },
    ]);
    const bad = (
      await db.pool.query(
        `select e.id, e.status, e.error, (select json_agg(json_build_object('attempt', a.attempt, 'status', a.status, 'error', a.error->>'message') order by a.attempt)
                 from execution_attempts a where a.execution_id = e.id) as attempts
           from executions e where e.id = any($1::uuid[]) and e.status <> 'succeeded' limit 5`,
        [ids],
      )
    ).rows;
    for (const r of bad) console.log(`  e.g. ${r.id} ${r.status}: ${JSON.stringify(r.error)} attempts ${JSON.stringify(r.attempts)}`);
    const ok = accepted.length >= ACCEPTED && succeeded === accepted.length && unfinished === 0 && explained === twice.length;
    await counter.close();
    return ok;
  } finally {
    await cleanup();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

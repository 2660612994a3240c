/**
 * `npm run bench -- scale`: one web process and 1, 2 and 4 worker processes (separate OS
 * processes, `server/main.ts worker`, on one PostgreSQL), for two asynchronous flows — a CPU-light
 * one (one Persist Data step) and one with a sandboxed code step doing ~2 ms of work.
 *
 * For each: a backlog of SCALE_RUNS (2,000) webhooks is sent as fast as the web process takes
 * them while the workers drain it: runs/s is the drain rate (first start to last end). Then the
 * same flow at half that rate for SCALE_PACED_S (8) seconds: the p99 start delay (queued → started)
 * of a load the workers keep up with. CPU per run is read from /proc for PostgreSQL's processes
 * and for the worker processes over the drain (PostgreSQL's figure includes the web process's
 * accepting); the ceiling follows from them: how many runs/s one PostgreSQL core carries, one
 * worker core carries, and so how many worker machines one PostgreSQL core keeps busy.
 */
import { randomUUID } from "node:crypto";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { deploy } from "@/test/fixtures/deploy";
import { benchDatabase, percentile, printTable } from "./support/bench-database";
import { cpuSince, processCpuMs, sampleCpu } from "./support/cpu-usage";
import { startProcess, stopProcess, type Proc } from "./support/processes";

const RUNS = Number(process.env.SCALE_RUNS ?? 2_000);
const PACED_S = Number(process.env.SCALE_PACED_S ?? 8);
const WORKER_COUNTS = (process.env.SCALE_WORKERS ?? "1,2,4").split(",").map(Number);

const flows = {
  light: `definitionVersion: 1
name: Scale light
flows:
  - name: Light
    trigger: { type: webhook }
    steps:
      - name: Remember
        action: persistData.saveValue
        inputs:
          key: { value: last }
          value: { reference: trigger.results.body }
`,
  code: `definitionVersion: 1
name: Scale code
flows:
  - name: Code
    trigger: { type: webhook }
    steps:
      - name: Work
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (context, stepResults) => { const end = Date.now() + 2; let n = 0; while (Date.now() < end) n++; return { data: { n, id: stepResults.trigger.results.body.id } }; };" }
`,
};

interface Measured {
  flow: string;
  workers: number;
  runsPerSecond: number;
  p99StartMs: number;
  pgMsPerRun: number;
  workerMsPerRun: number;
}

/** sends webhooks with `concurrency` at once until `count` were accepted, or at `perSecond` for `seconds` */
async function send(url: string, options: { count?: number; perSecond?: number; seconds?: number; concurrency?: number }): Promise<number> {
  let accepted = 0;
  let sent = 0;
  const began = Date.now();
  const done = () => (options.count !== undefined ? sent >= options.count : Date.now() - began >= options.seconds! * 1000);
  const client = async () => {
    while (!done()) {
      const n = sent++;
      if (options.perSecond) {
        const due = began + (n / options.perSecond) * 1000;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: randomUUID() }),
      });
      await res.arrayBuffer();
      if (res.status === 202) accepted++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 20 }, client));
  return accepted;
}

export default async function bench() {
  const db = await benchDatabase("scale");
  const procs: Proc[] = [];
  try {
    await installBuiltins(db.db);
    const env = { DATABASE_URL: db.url, JUNCTION_ALLOW_PRIVATE_NETWORK: "true" };
    const web = startProcess("web", ["bench/support/web-process.ts"], env, /^ready \d+/);
    procs.push(web);
    const base = `http://127.0.0.1:${(await web.ready).split(" ")[1]}`;
    const results: Measured[] = [];

    for (const [flow, yaml] of Object.entries(flows)) {
      const { tokens } = await deploy(db.db, yaml);
      const url = `${base}/webhooks/${Object.values(tokens)[0]}`;
      for (const n of WORKER_COUNTS) {
        const workers = Array.from({ length: n }, (_, i) =>
          startProcess(`worker ${i + 1}`, ["server/main.ts", "worker"], env, /worker running/),
        );
        procs.push(...workers);
        await Promise.all(workers.map((w) => w.ready));
        const since = new Date();
        const workerCpu = () => workers.reduce((ms, w) => ms + processCpuMs(w.child.pid!), 0);
        const cpu = sampleCpu();
        const workerStart = workerCpu();

        // the drain: a backlog built faster than the workers take it
        const accepted = await send(url, { count: RUNS });
        const ended = async () =>
          (
            await db.pool.query<{ n: number }>(
              "select count(*)::int as n from executions where queued_at >= $1 and status not in ('queued', 'running', 'retry_pending')",
              [since],
            )
          ).rows[0]!.n;
        while ((await ended()) < accepted) await new Promise((r) => setTimeout(r, 200));
        const used = cpuSince(cpu);
        const workerMs = workerCpu() - workerStart;
        const span = (
          await db.pool.query<{ s: number; failed: number }>(
            "select extract(epoch from max(finished_at) - min(started_at))::float8 as s, count(*) filter (where status <> 'succeeded')::int as failed from executions where queued_at >= $1",
            [since],
          )
        ).rows[0]!;
        if (span.failed > 0) throw new Error(`${span.failed} runs of ${flow} with ${n} workers did not succeed`);
        const runsPerSecond = accepted / span.s;

        // a load the workers keep up with: how long a run waits to start
        const pacedSince = new Date();
        const paced = await send(url, { perSecond: Math.max(1, Math.round(runsPerSecond / 2)), seconds: PACED_S });
        while (
          (
            await db.pool.query<{ n: number }>(
              "select count(*)::int as n from executions where queued_at >= $1 and finished_at is not null",
              [pacedSince],
            )
          ).rows[0]!.n < paced
        ) {
          await new Promise((r) => setTimeout(r, 200));
        }
        const delays = (
          await db.pool.query<{ ms: number }>(
            "select extract(epoch from started_at - queued_at)::float8 * 1000 as ms from executions where queued_at >= $1 order by 1",
            [pacedSince],
          )
        ).rows.map((r) => r.ms);

        results.push({
          flow,
          workers: n,
          runsPerSecond,
          p99StartMs: percentile(delays, 99),
          pgMsPerRun: used.postgresMs / accepted,
          workerMsPerRun: workerMs / accepted,
        });
        console.log(`[scale] ${flow}, ${n} worker(s): ${runsPerSecond.toFixed(0)} runs/s`);
        await Promise.all(workers.map((w) => stopProcess(w)));
      }
    }

    printTable(
      results.map((r) => ({
        figure: `${r.flow} flow, ${r.workers} worker process${r.workers > 1 ? "es" : ""}`,
        measured: `${r.runsPerSecond.toFixed(0)} runs/s · p99 start ${r.p99StartMs.toFixed(0)} ms · PG ${r.pgMsPerRun.toFixed(2)} ms/run · worker ${r.workerMsPerRun.toFixed(2)} ms/run`,
        target: "(info)",
        ok: true,
      })),
    );
    // the ceiling, from each flow's least contended run (the fewest workers: on a small machine
    // more processes than cores add switching, not work)
    for (const flow of Object.keys(flows)) {
      const r = results.find((x) => x.flow === flow)!;
      const perPgCore = 1000 / r.pgMsPerRun;
      const perWorkerCore = 1000 / r.workerMsPerRun;
      console.log(
        `ceiling, ${flow} flow: one PostgreSQL core carries ~${perPgCore.toFixed(0)} runs/s; one worker core ~${perWorkerCore.toFixed(0)} runs/s — ` +
          `so ~${(perPgCore / perWorkerCore).toFixed(1)} worker cores (${(perPgCore / perWorkerCore / 2).toFixed(1)} two-core worker machines) per PostgreSQL core before PostgreSQL is the bound`,
      );
    }
  } finally {
    await Promise.all(procs.map((p) => stopProcess(p)));
    await db.close();
  }
}

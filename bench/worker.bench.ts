/**
 * `npm run bench -- worker`: how fast one worker process drains a backlog. BENCH_BACKLOG (default
 * 2000) asynchronous webhooks of a 3-step flow (code, Persist Data, code) are accepted with no
 * worker running; then a worker (JUNCTION_WORKER_CONCURRENCY runs at once) starts and the bench
 * times until every execution succeeded. This is the figure behind the runtime bench's drain and sync
 * throughput.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createSandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime } from "@/runtime/runtime";
import { deploy } from "@/test/fixtures/deploy";
import { benchDatabase, printTable } from "./support/bench-database";
import { cpuSince, sampleCpu } from "./support/cpu-usage";
import { asyncFlow } from "./support/flows";

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 2000);

export default async function bench() {
  const db = await benchDatabase("worker");
  await installBuiltins(db.db);
  const boss = await startBoss(db.url, { supervise: false });
  const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(db.db) });
  const web = await startRuntime({ url: db.url, pool: db.pool, boss, runner, worker: false, scheduler: false });
  const server = http.createServer((req, res) => void web.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = await deploy(db.db, asyncFlow);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/${a.tokens.ingest}`;
  let sent = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (sent < BACKLOG) {
        sent++;
        const res = await fetch(url, {
          method: "POST",
          body: JSON.stringify({ orderId: sent }),
          headers: { "content-type": "application/json" },
        });
        if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  // one cheap read per poll: the drain is what is measured
  const finished = async () =>
    (
      await db.pool.query<{ succeeded: number; failed: number }>(
        "select count(*) filter (where status = 'succeeded')::int as succeeded, count(*) filter (where status = 'failed')::int as failed from executions where instance_id = $1",
        [a.instance.id],
      )
    ).rows[0]!;

  const cpu = sampleCpu();
  const started = performance.now();
  const worker = await startRuntime({ url: db.url, pool: db.pool, boss, runner, worker: true, scheduler: false });
  worker.worker!.wake();
  let outcome = await finished();
  while (outcome.succeeded + outcome.failed < BACKLOG) {
    await new Promise((r) => setTimeout(r, 50));
    outcome = await finished();
  }
  const seconds = (performance.now() - started) / 1000;
  const { succeeded: done, failed } = outcome;
  const used = cpuSince(cpu);
  printTable([
    {
      figure: `drain ${BACKLOG} async 3-step runs, ${worker.worker!.concurrency} at once: runs/s`,
      measured: (BACKLOG / seconds).toFixed(0),
      target: "(info)",
      ok: true,
    },
    { figure: "CPU per run: this process (ms)", measured: (used.selfMs / BACKLOG).toFixed(2), target: "(info)", ok: true },
    { figure: "CPU per run: PostgreSQL (ms)", measured: (used.postgresMs / BACKLOG).toFixed(2), target: "(info)", ok: true },
    { figure: "succeeded", measured: String(done), target: String(BACKLOG), ok: done === BACKLOG && failed === 0 },
  ]);
  server.close();
  await worker.stop();
  await web.stop();
  await runner.close();
  await boss.stop({ graceful: false, wait: true });
  await db.close();
}

/**
 * `npm run bench -- startup`: how fast `npm start` comes up and how lean each role idles, measured
 * from outside, then the synchronous 3-step flow at 20 clients against that same process.
 *
 * A first `npm start` (embedded PostgreSQL, JUNCTION_HOME in a temporary folder) builds the web
 * app if its sources changed, creates the database and an instance of the sync flow; then
 * STARTUP_RUNS (3) starts on that built project and existing database are timed from spawn to the
 * first webhook answered and to the first page served (medians). The web and worker roles are
 * then started alone against the same database for their start time and idle RSS.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@/db/client";
import { freePort, startEmbeddedPostgres } from "@/db/embedded";
import { deploy } from "@/test/fixtures/deploy";
import { percentile, printTable } from "./support/bench-database";
import { syncFlow } from "./support/flows";
import { loadGenerator } from "./support/load";
import { startCommand, startProcess, stopProcess, type Proc } from "./support/processes";

const RUNS = Number(process.env.STARTUP_RUNS ?? 3);
const IDLE_MS = 5_000;

const npmStart = (env: Record<string, string | undefined>) => startCommand("npm start", "npm", ["start"], env, /webhooks accepted/);
/** SIGTERM to its group: a graceful stop takes a while with the embedded PostgreSQL */
const stop = (p: Proc) => stopProcess(p, 30_000);

/** ms from spawn until `attempt` answers true (connection refused and the like count as not yet) */
async function timeUntil(s: Proc, what: string, attempt: () => Promise<boolean>, timeoutMs = 240_000): Promise<number> {
  while (performance.now() - s.spawnedAt < timeoutMs) {
    if (s.child.exitCode !== null) throw new Error(`the process exited before ${what}:\n${s.output()}`);
    if (await attempt().catch(() => false)) return performance.now() - s.spawnedAt;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${what} within ${timeoutMs} ms:\n${s.output()}`);
}

const answered = (url: string, init?: RequestInit) => async () => {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status === 200;
};
const postJson = { method: "POST", body: "{}", headers: { "content-type": "application/json" } };

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  return kb / 1024;
}

/** the node process `npm start` runs (npm itself is a parent of it): its pid file */
const serverPid = (home: string) => Number(readFileSync(join(home, "junction.pid"), "utf8").trim());

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export default async function bench() {
  const home = mkdtempSync(join(tmpdir(), "junction-startup-"));
  chmodSync(home, 0o755); // the embedded PostgreSQL's user walks through it when we run as root
  const api = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"name":"widget","price":5}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // DATABASE_URL unset: npm start's own embedded PostgreSQL, as on a fresh machine
  const env = { JUNCTION_HOME: home, PORT: String(port), DATABASE_URL: undefined, JUNCTION_ALLOW_PRIVATE_NETWORK: "true" };
  const running: Proc[] = [];
  try {
    // the first start: builds what it must, creates the database; then an instance to call
    const first = npmStart({
      ...env,
      JUNCTION_ADMIN_EMAIL: "bench@junction.test",
      JUNCTION_ADMIN_PASSWORD: "bench-password-1",
    });
    running.push(first);
    await timeUntil(first, "page", answered(`${base}/sign-in`), 600_000);
    const dbUrl = /embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(first.output())![1]!;
    const password = readFileSync(join(home, "pg-password"), "utf8").trim();
    const seeding = createDatabase(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${dbUrl}/junction`);
    const { tokens } = await deploy(seeding.db, syncFlow, { apiUrl });
    await seeding.pool.end();
    const webhook = `${base}/webhooks/${tokens.lookup}`;
    await stop(first);
    running.pop();

    const webhookMs: number[] = [];
    const pageMs: number[] = [];
    let allRss = 0;
    let sync: Awaited<ReturnType<typeof loadGenerator>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      const s = npmStart(env);
      running.push(s);
      webhookMs.push(await timeUntil(s, "webhook answer", answered(webhook, postJson)));
      pageMs.push(await timeUntil(s, "page", answered(`${base}/sign-in`)));
      if (i === RUNS - 1) {
        // idle after its first requests, then the synchronous load on this very process
        await new Promise((r) => setTimeout(r, IDLE_MS));
        allRss = rssMb(serverPid(home));
        for (let w = 0; w < 200; w++) await answered(webhook, postJson)();
        sync = await loadGenerator(webhook, 20, 10);
      }
      await stop(s);
      running.pop();
    }

    // the roles alone, on the same database (started here, as a separate PostgreSQL would be)
    const pg = await startEmbeddedPostgres({ dataDir: join(home, "pg") });
    try {
      const roleEnv = { ...env, DATABASE_URL: pg.url };
      const worker = startProcess("worker", ["server/main.ts", "worker"], roleEnv, /worker running/);
      running.push(worker);
      await worker.ready;
      const workerMs = performance.now() - worker.spawnedAt;
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const workerRss = rssMb(worker.child.pid!);
      const web = startProcess("web", ["server/main.ts", "web"], roleEnv, /webhooks accepted/);
      running.push(web);
      await web.ready;
      const webWebhookMs = performance.now() - web.spawnedAt;
      await timeUntil(web, "page", answered(`${base}/sign-in`));
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const webRss = rssMb(web.child.pid!);
      await Promise.all([stop(worker), stop(web)]);

      const ok200 = sync?.statuses["200"] ?? 0;
      printTable([
        {
          figure: `npm start → first webhook answered (ms, median of ${RUNS})`,
          measured: median(webhookMs).toFixed(0),
          target: "< 3000",
          ok: median(webhookMs) < 3000,
        },
        {
          figure: `npm start → first page served (ms, median of ${RUNS})`,
          measured: median(pageMs).toFixed(0),
          target: "< 5000",
          ok: median(pageMs) < 5000,
        },
        { figure: "idle RSS, npm start's process (web + worker, MB)", measured: allRss.toFixed(0), target: "< 250", ok: allRss < 250 },
        { figure: "idle RSS, worker role alone (MB)", measured: workerRss.toFixed(0), target: "< 150", ok: workerRss < 150 },
        { figure: "idle RSS, web role alone (MB)", measured: webRss.toFixed(0), target: "(info)", ok: true },
        { figure: "worker role: spawn → running (ms)", measured: workerMs.toFixed(0), target: "(info)", ok: true },
        { figure: "web role: spawn → webhooks accepted (ms)", measured: webWebhookMs.toFixed(0), target: "(info)", ok: true },
        {
          figure: `sync 3-step flow, 20 clients on npm start's process: runs/s (${ok200} ok)`,
          measured: (sync?.perSecond ?? 0).toFixed(0),
          target: ">= 500",
          ok: (sync?.perSecond ?? 0) >= 500 && ok200 === sync?.requests,
        },
      ]);
    } finally {
      await pg.stop();
    }
  } finally {
    await Promise.all(running.map(stop));
    await new Promise((r) => api.close(r));
    rmSync(home, { recursive: true, force: true });
  }
}

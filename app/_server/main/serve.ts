/**
 * What `npm start` (and `junction serve`) runs: the database (embedded when DATABASE_URL is
 * unset), migrations, the Next.js build when stale, the queue, the in-process worker and the web
 * server — and a clean stop of all of them on SIGINT/SIGTERM.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type PgBoss from "pg-boss";
import { prepareDatabase, type DatabaseHandle } from "../../../db/bootstrap";
import { getDatabase } from "../../../db/client";
import { startBoss } from "../../../runtime/queue/boss";
import { EXECUTION_QUEUE } from "../../../runtime/queue/queues";
import { startRuntime, type Runtime } from "../../../runtime/runtime";
import { healthHandler } from "../health";
import { ensureEnvAdmin } from "../services/users/ensure-env-admin";
import { startWebServer, type WebServer } from "../web-server";
import { installBuiltins } from "../../../components-registry/store/install-builtins";
import { createActionRunner } from "./action-runner";
import { acquireInstanceLock } from "./instance-lock";
import { ensureNextBuild } from "./next-build";
import { assertPortFree } from "./port-check";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface ServeOptions {
  dev?: boolean;
  web?: boolean;
  worker?: boolean;
}

const log = (m: string) => console.log(`[junction] ${m}`);

export async function serve(options: ServeOptions = {}): Promise<void> {
  const web = options.web ?? true;
  const runWorker = options.worker ?? true;
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? "0.0.0.0";
  const stops: Array<() => Promise<void> | void> = [];

  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((err) => console.error(`[junction] while stopping: ${(err as Error).message}`));
    }
  };

  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      log("stopping now");
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping…`);
    stopAll().then(() => {
      log("stopped");
      process.exit(0);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    if (!process.env.DATABASE_URL) stops.push(acquireInstanceLock());
    if (web) await assertPortFree(port, hostname);

    const database: DatabaseHandle = await prepareDatabase({ log });
    if (database.embedded) stops.push(() => database.embedded!.stop());
    const { db, pool } = getDatabase();
    stops.push(() => pool.end());

    const admin = await ensureEnvAdmin(db);
    if (admin === "created") log(`created the administrator ${process.env.JUNCTION_ADMIN_EMAIL}`);

    if (web && !options.dev) ensureNextBuild(PROJECT_ROOT, log);

    const boss: PgBoss = await startBoss(database.url);
    stops.push(() => boss.stop({ graceful: true, wait: true, timeout: 20_000 }));

    const installed = await installBuiltins(db);
    if (installed.installed.length) log(`installed built-in components: ${installed.installed.join(", ")}`);
    const runner = createActionRunner(db);
    stops.push(() => runner.close());

    const runtime: Runtime = await startRuntime({ url: database.url, pool, boss, runner, worker: runWorker });
    stops.push(() => runtime.stop());

    let server: WebServer | undefined;
    if (web) {
      server = await startWebServer({
        port,
        hostname,
        dev: !!options.dev,
        dir: PROJECT_ROOT,
        fastRoutes: {
          "/api/health": healthHandler({ pool, queue: async () => (await boss.getQueue(EXECUTION_QUEUE)) !== null }),
          "/webhooks/": runtime.webhookHandler,
        },
      });
      stops.push(() => server!.close());
      const url = process.env.JUNCTION_URL ?? `http://localhost:${port}`;
      log(`ready: ${url}`);
      log(
        admin === "not-configured"
          ? `first visit: open ${url} and create the first administrator`
          : `sign in at ${url}/sign-in${process.env.JUNCTION_ADMIN_EMAIL ? ` as ${process.env.JUNCTION_ADMIN_EMAIL}` : ""}`,
      );
    } else {
      log(`worker running (concurrency ${runtime.worker?.concurrency})`);
    }
  } catch (err) {
    console.error(`[junction] ${(err as Error).message}`);
    await stopAll();
    process.exit(1);
  }
}

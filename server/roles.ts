/**
 * The roles of a Junction process, composed here and nowhere else:
 *   all     the web server and an in-process worker (`npm start`, `junction serve`)
 *   web     the web server alone: pages, API, webhooks (`junction web`)
 *   worker  runs queued executions; no HTTP server, never loads Next.js (`junction worker`)
 *   (and `migrate`: migrateOnly)
 * Each opens the database (embedded when DATABASE_URL is unset), applies the migrations, starts
 * pg-boss, the sandbox and the runtime, and provides the services request handlers use.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "@/db/bootstrap";
import { createDatabase } from "@/db/client";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { startBoss } from "@/runtime/queue/boss";
import { EXECUTION_QUEUE } from "@/runtime/queue/queues";
import { startRuntime } from "@/runtime/runtime";
import { createActionRunner } from "./action-runner";
import { setTriggerHookRunner } from "@/runtime/triggers/hook-runner";
import { acquireInstanceLock } from "./instance-lock";
import { processStops } from "./process-stops";
import { provideServices } from "./services";
import { healthHandler } from "./web/health";
import { metricsHandler } from "./web/metrics";
import { ensureNextBuild } from "./web/next-build";
import { assertPortFree } from "./web/port-check";
import { startWebServer } from "./web/web-server";
import { embedAncestors } from "./http/embed-ancestors";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export type Role = "all" | "web" | "worker";
export const ROLES: readonly Role[] = ["all", "web", "worker"];

const log = (m: string) => console.log(`[junction] ${m}`);

/** applies the migrations (to the embedded PostgreSQL when DATABASE_URL is unset) and stops */
export async function migrateOnly(): Promise<void> {
  const database = await prepareDatabase({ log });
  log("migrations applied");
  await database.embedded?.stop();
}

export async function startRole(role: Role, options: { dev?: boolean } = {}): Promise<void> {
  const spawnedAt = Date.now() - Math.round(process.uptime() * 1000);
  const web = role !== "worker";
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? "0.0.0.0";
  const stops = processStops();

  try {
    if (!process.env.DATABASE_URL) stops.add(acquireInstanceLock());
    if (web) await assertPortFree(port, hostname);

    const prepared = await prepareDatabase({ log });
    if (prepared.embedded) stops.add(() => prepared.embedded!.stop());
    const database = createDatabase(prepared.url);
    stops.add(() => database.pool.end());

    // the build runs before anything listens, so a request never meets a half-built app
    if (web && !options.dev) ensureNextBuild(PROJECT_ROOT, log);

    const boss = await startBoss(prepared.url);
    stops.add(() => boss.stop({ graceful: true, wait: true, timeout: 20_000 }));

    const installed = await installBuiltins(database.db);
    if (installed.installed.length) log(`installed built-in components: ${installed.installed.join(", ")}`);
    const runner = createActionRunner(database.db);
    stops.add(() => runner.close());
    setTriggerHookRunner(runner); // webhook-style component triggers' deploy/delete hooks (runtime/triggers)

    const runtime = await startRuntime({ url: prepared.url, pool: database.pool, boss, runner, worker: role !== "web" });
    stops.add(() => runtime.stop());
    provideServices({
      ...database,
      accept: runtime.batcher,
      completion: runtime.completion,
      events: runtime.events,
      bulkReplays: runtime.bulkReplays,
    });
    stops.add(() => provideServices(undefined));

    if (!web) return log(`worker running (concurrency ${runtime.worker?.concurrency}), started in ${Date.now() - spawnedAt} ms`);

    const server = await startWebServer({
      port,
      hostname,
      dev: !!options.dev,
      dir: PROJECT_ROOT,
      fastRoutes: {
        "/api/health": healthHandler({
          pool: database.pool,
          queue: async () => (await boss.getQueue(EXECUTION_QUEUE)) !== null,
          backlog: runtime.backlog.figures,
        }),
        "/api/metrics": metricsHandler(runtime.backlog),
        "/webhooks/": runtime.webhookHandler,
      },
      embedAncestors: embedAncestors(database.pool),
    });
    stops.add(() => server.close());
    const url = process.env.JUNCTION_URL ?? `http://localhost:${port}`;
    log(`webhooks accepted at ${url}/webhooks/… ${Date.now() - spawnedAt} ms after start`);
    server.app.then(
      () => log(`ready: ${url} (pages ${Date.now() - spawnedAt} ms after start)`),
      (err) => console.error(`[junction] the web app could not start: ${(err as Error).stack ?? err}`),
    );
  } catch (err) {
    console.error(`[junction] ${(err as Error).message}`);
    await stops.stopAll();
    process.exit(1);
  }
}

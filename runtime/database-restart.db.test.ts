/**
 * A PostgreSQL restart is survived by the web fast path, the worker and the leader without a
 * restart of theirs: pools drop dead connections, the LISTEN connection reconnects.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDatabase, type Database } from "@/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "./queue/boss";
import { startRuntime, type Runtime } from "./runtime";

let dir: string;
let port: number;
let pg: EmbeddedDatabase;
let db: Database;
let boss: PgBoss;
let runtime: Runtime;
let server: http.Server;
let base: string;
let actionsRun = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "junction-restart-"));
  chmodSync(dir, 0o755);
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port });
  await migrateDatabase(pg.url);
  db = createDatabase(pg.url);
  await insertManifest(db.db, testkitManifest);
  boss = await startBoss(pg.url, { supervise: false });
  // counts the actions run, to see that none starts while the database is down
  const runner = { run: (inv: Parameters<typeof testkitRunner.run>[0]) => (actionsRun++, testkitRunner.run(inv)) };
  runtime = await startRuntime({ url: pg.url, pool: db.pool, boss, runner, worker: true });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  server?.close();
  await runtime?.stop().catch(() => {});
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await db?.pool.end().catch(() => {});
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const flow = `definitionVersion: 1
name: Survivor
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Echo
        action: testkit.echo
        inputs:
          value: { reference: trigger.results.body }
`;

test("webhooks are accepted and run again after PostgreSQL restarts", async () => {
  const { tokens } = await deploy(db.db, flow);
  const call = async () => {
    const res = await fetch(`${base}/webhooks/${tokens.main}`, {
      method: "POST",
      body: '{"n":1}',
      headers: { "content-type": "application/json" },
    });
    return res.status === 202 ? ((await res.json()) as { executionId: string }).executionId : null;
  };
  const succeeded = (id: string) => async () =>
    (await db.pool.query("select status from executions where id = $1", [id])).rows[0]?.status === "succeeded";
  await waitFor(succeeded((await call())!));

  await pg.stop();
  // while the database is down the webhook refuses (nothing accepted that is not committed), and a
  // synchronous call starts no run that could not be recorded
  const res = await fetch(`${base}/webhooks/${tokens.main}`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(503);
  const before = actionsRun;
  const sync = await fetch(`${base}/webhooks/${tokens.main}`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json", "x-junction-synchronous": "true" },
  });
  expect(sync.status).toBe(503);
  expect(actionsRun).toBe(before);
  pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port });

  const id = await waitFor(call, { timeoutMs: 20_000, everyMs: 250, what: "a webhook to be accepted again" });
  await waitFor(succeeded(id), { timeoutMs: 20_000, what: "the run after the restart to succeed" });
}, 90_000);

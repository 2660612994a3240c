import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { accept } from "@/test/fixtures/accept-run";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { startRuntime, type Runtime } from "../runtime";

let t: TestDatabase;
let boss: PgBoss;
const runtimes: Runtime[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.env.JUNCTION_MINUTE_MS = "400";
  process.env.JUNCTION_STALE_RUN_MS = "1500";
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  boss = await startBoss(t.url, { supervise: false });
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const r of runtimes) await r.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const scheduled = (schedule: string) => `definitionVersion: 1
name: Scheduled ${randomUUID()}
flows:
  - name: Tick
    trigger: { type: schedule, schedule: ${schedule} }
    steps:
      - name: Count
        action: testkit.count
`;

describe("schedules", () => {
  test("two processes, one leader: each due minute fires once per instance flow, within 2 s", async () => {
    for (let i = 0; i < 2; i++) {
      runtimes.push(await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: i === 0 }));
    }
    await waitFor(() => runtimes.filter((r) => r.scheduler!.isLeader()).length === 1, { what: "a leader" });
    const { instance } = await deploy(t.db, scheduled("{ every: 1, unit: minutes }"));
    const rows = await waitFor(
      async () => {
        const r = await t.pool.query(
          `select scheduled_for, started_at, status from executions where instance_id = $1 and source = 'schedule' and status = 'succeeded' order by scheduled_for`,
          [instance.id],
        );
        return r.rows.length >= 3 ? r.rows : null;
      },
      { what: "three scheduled runs", timeoutMs: 15_000 },
    );
    const slots = rows.map((r) => r.scheduled_for.getTime());
    expect(new Set(slots).size).toBe(slots.length);
    for (const r of rows) {
      // queued ahead of its minute, started within 2 s of it, never before it
      expect(r.started_at.getTime() - r.scheduled_for.getTime()).toBeLessThan(2000);
      expect(r.started_at.getTime()).toBeGreaterThanOrEqual(r.scheduled_for.getTime());
    }

    // disabling removes its schedule
    await updateInstance(t.db, { id: instance.id, enabled: false });
    const count = async () =>
      (await t.pool.query("select count(*)::int as n from executions where instance_id = $1", [instance.id])).rows[0].n;
    const atDisable = await count();
    const leader = runtimes.find((r) => r.scheduler!.isLeader())!;
    expect(leader).toBeDefined();
    const before = Date.now();
    await waitFor(() => Date.now() - before > 1500, { what: "four minutes to pass", timeoutMs: 3000, everyMs: 100 });
    expect(await count()).toBeLessThanOrEqual(atDisable + 1); // one may have been committed as we disabled
  });
});

describe("durability", () => {
  test("a worker killed with SIGKILL mid-run: the leader notices its silence and runs it again (a crash is not the flow's failure), or, for a flow that opts out, retries or fails it", async () => {
    const child = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", "test/fixtures/worker-process.ts"], {
      env: { ...process.env, DATABASE_URL: t.url, JUNCTION_HEARTBEAT_MS: "300", TEST_WORKER_CONCURRENCY: "4" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    await new Promise<void>((resolve) => child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    // stop the in-test worker so only the child takes the jobs
    await runtimes[0]!.worker!.stop();

    const slow = (execution: string) => `definitionVersion: 1
name: Slow ${randomUUID()}
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { ${execution} }
    steps:
      - name: Sleep
        action: testkit.sleep
        inputs: { ms: { value: 60000 } }
`;
    const rerun = await deploy(t.db, slow("synchronous: false"));
    const withRetry = await deploy(t.db, slow("rerunAfterCrash: false, retry: { maxAttempts: 2, minutesBetween: 1 }"));
    const without = await deploy(t.db, slow("rerunAfterCrash: false"));
    const ids = [
      await accept(runtimes[1]!, t.pool, rerun),
      await accept(runtimes[1]!, t.pool, withRetry, 3),
      await accept(runtimes[1]!, t.pool, without),
    ];
    await waitFor(
      async () =>
        (await t.pool.query("select count(*)::int as n from executions where id = any($1) and status = 'running'", [ids])).rows[0].n === 3,
      {
        what: "the runs to be running in the child worker",
      },
    );

    child.kill("SIGKILL");
    const status = async (id: string) =>
      (await t.pool.query("select status, attempt, crash_reruns, error from executions where id = $1", [id])).rows[0];
    const until = (id: string, wanted: string) =>
      waitFor(async () => ((await status(id)).status === wanted ? status(id) : null), { timeoutMs: 10_000 });
    const again = await until(ids[0]!, "queued");
    expect(again).toMatchObject({ attempt: 2, crash_reruns: 1 });
    expect(again.error.message).toMatch(/worker lost: .* stopped mid-run .*runs again/);
    const lost = (await t.pool.query("select status, error from execution_attempts where execution_id = $1 and attempt = 1", [ids[0]]))
      .rows[0];
    expect(lost.status).toBe("lost");
    const retried = await until(ids[1]!, "retry_pending");
    expect(retried).toMatchObject({ attempt: 2, crash_reruns: 0 });
    const failed = await until(ids[2]!, "failed");
    expect(failed.error.message).toMatch(/stopped mid-run \(killed or crashed\)/);
  });
});

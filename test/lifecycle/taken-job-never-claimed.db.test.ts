/**
 * A worker takes a run's job (pg-boss row 'created' → 'active') and dies before it claims the run:
 * the execution is still `queued`, and its only job is taken. The leader's sweeper must find a
 * queued run with no live job for JUNCTION_SWEEP_GRACE_MS and queue it again.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { startRuntime } from "@/runtime/runtime";
import { deploy } from "../fixtures/deploy";
import { testkitRunner } from "../fixtures/test-actions";
import { waitFor } from "../wait-for";
import { accept } from "../fixtures/accept-run";
import { lifecycleSuite, execution, jobs, waitUntil } from "./lifecycle-helpers";

const suite = lifecycleSuite({ JUNCTION_SWEEP_GRACE_MS: "1000", JUNCTION_STALE_RUN_MS: "1500", JUNCTION_HEARTBEAT_MS: "300" });

test("a job taken by a worker that died before claiming its run: the leader's sweeper queues the run again and it succeeds", async () => {
  const { t, boss, runtimes } = suite;
  const d = await deploy(
    t.db,
    `definitionVersion: 1
name: Taken ${randomUUID()}
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Count
        action: testkit.count
`,
  );
  // accepted by a process without a worker: row and job committed, nobody runs it yet
  const web = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: false, scheduler: false });
  runtimes.push(web);
  const id = await accept(web, t.pool, d);

  // a worker's fetch (queue/job-statements.ts fetchJobs) takes the job … and the worker dies there
  const taken = await t.pool.query(
    `update pgboss.job set state = 'active', started_on = now(),
            retry_count = case when started_on is not null then retry_count + 1 else retry_count end
      where name = 'execution' and data->>'executionId' = $1 and state < 'active'
     returning id`,
    [id],
  );
  expect(taken.rowCount).toBe(1);
  expect(await jobs(t.pool, id)).toEqual([{ state: "active" }]);
  expect((await execution(t.pool, id)).status).toBe("queued");

  // a leader with a worker
  const leader = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true });
  runtimes.push(leader);
  await waitFor(() => leader.scheduler!.isLeader(), { what: "the leader" });

  const done = await waitUntil(
    () => execution(t.pool, id),
    (e) => e.status === "succeeded",
    { timeoutMs: 10_000, what: "the run whose job was taken by a dead worker to be queued again and succeed" },
  );
  // run once, by the live worker (testkit.count counts the calls per execution in this process)
  expect(done.result).toBe(1);
});

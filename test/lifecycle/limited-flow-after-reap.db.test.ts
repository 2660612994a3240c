/**
 * A sequential flow: run A runs on a worker that is killed; run B, accepted after A, was refused
 * admission while A ran and waits `queued` with no job (by design: whoever ends a run of the flow
 * dispatches the next). A's worker will never end it, so the leader must: A is run again after
 * the crash, and B follows — with no new traffic for the flow.
 */
import { expect, test } from "vitest";
import { startRuntime } from "@/runtime/runtime";
import { lifecycleRunner } from "../fixtures/lifecycle-actions";
import { waitFor } from "../wait-for";
import { accept } from "../fixtures/accept-run";
import { lifecycleSuite, leaderChildAndFlow, attempts, execution, jobs, waitUntil } from "./lifecycle-helpers";

// the sweeper (a run without a live job for this long) is not what should bring B back: B follows A
// the first call is A's on the child, which never gets its answer; later calls are answered at once
const suite = lifecycleSuite(
  { JUNCTION_STALE_RUN_MS: "1500", JUNCTION_HEARTBEAT_MS: "300", JUNCTION_SWEEP_GRACE_MS: "60000" },
  (n) => n === 1,
);

test("a sequential flow's run waiting behind a run whose worker was killed: the dead run is run again and the waiting one follows", async () => {
  const { t, boss, runtimes, server } = suite;
  const { leader, child, d } = await leaderChildAndFlow(suite, "Sequential", "{ concurrency: { mode: sequential } }");

  // A runs on the child (its call held)
  const a = await accept(leader, t.pool, d);
  await waitFor(() => server.calls().length === 1, { what: "A to run on the child" });
  const running = await execution(t.pool, a);
  expect(running.status).toBe("running");
  const childWorker = running.worker_id;

  // B, accepted after A: the child takes its job, is refused admission, and B waits with no job
  const b = await accept(leader, t.pool, d);
  await waitUntil(
    async () => ({ b: (await execution(t.pool, b)).status, jobs: await jobs(t.pool, b) }),
    (s) => s.b === "queued" && s.jobs.length > 0 && s.jobs.every((j) => j.state === "completed"),
    { what: "B to be refused admission while A runs" },
  );
  expect(server.calls()).toHaveLength(1); // B did not run

  process.kill(child.pid!, "SIGKILL");
  // a live worker; nothing new arrives for the flow
  runtimes.push(await startRuntime({ url: t.url, pool: t.pool, boss, runner: lifecycleRunner, worker: true, scheduler: false }));

  const both = await waitUntil(
    async () => ({ a: (await execution(t.pool, a)).status, b: (await execution(t.pool, b)).status }),
    (s) => s.a === "succeeded" && s.b === "succeeded",
    { timeoutMs: 12_000, what: "A (run again after its worker died) and B (next in line) to succeed" },
  );
  expect(both).toEqual({ a: "succeeded", b: "succeeded" });

  // A's interrupted attempt is kept, as lost with its worker
  const triedA = await attempts(t.pool, a);
  expect(triedA.length).toBeGreaterThanOrEqual(2);
  expect(triedA[0]!.worker_id).toBe(childWorker);
  expect(triedA[0]!.status).not.toBe("succeeded");
  expect(triedA[0]!.error?.message ?? "").toMatch(/worker/i);
  expect(triedA.at(-1)!.status).toBe("succeeded");
  // each ran once more, on the live worker: three calls in all
  expect(server.calls()).toHaveLength(3);
});

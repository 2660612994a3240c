/**
 * A worker that stalls mid-run (SIGSTOP: a long GC pause, a frozen VM, a partitioned machine)
 * past JUNCTION_STALE_RUN_MS loses the run: the leader's reaper takes the run as orphaned and it
 * runs again on another worker. When the stalled worker wakes up and finishes its attempt, its
 * outcome (and its step results, and its heartbeats) must be refused: the run is no longer its.
 */
import { expect, test } from "vitest";
import { startRuntime } from "@/runtime/runtime";
import { lifecycleRunner } from "../fixtures/lifecycle-actions";
import { waitFor } from "../wait-for";
import { accept } from "../fixtures/accept-run";
import { lifecycleSuite, leaderChildAndFlow, attempts, execution, letPass, waitUntil } from "./lifecycle-helpers";

// the first call (the stalled worker's attempt) is held until the test lets it go
const terminal = ["succeeded", "failed", "canceled"];
const suite = lifecycleSuite({ JUNCTION_STALE_RUN_MS: "1500", JUNCTION_HEARTBEAT_MS: "300" }, (n) => n === 1);

test("a worker stalled past the stale time: the run runs again elsewhere, and the stalled attempt, resumed, cannot overwrite the newer attempt's outcome", async () => {
  const { t, boss, runtimes, server } = suite;
  // the leader, without a worker of its own for now
  const { leader, child, d } = await leaderChildAndFlow(suite, "Stalled");
  const id = await accept(leader, t.pool, d);

  // the child runs attempt 1 and waits for its answer
  await waitFor(() => server.calls().length === 1, { what: "the child's attempt to call the server" });
  const first = await execution(t.pool, id);
  expect(first.status).toBe("running");
  const childWorker = first.worker_id;
  expect(childWorker).toBeTruthy();

  process.kill(child.pid!, "SIGSTOP");
  // another worker, in this process
  runtimes.push(await startRuntime({ url: t.url, pool: t.pool, boss, runner: lifecycleRunner, worker: true, scheduler: false }));

  // the reaper takes the silent run from the child; then the run ends (on the live worker, with answer-2)
  await waitUntil(
    () => execution(t.pool, id),
    (e) => e.status !== "running" || e.worker_id !== childWorker,
    { timeoutMs: 8_000, what: "the leader to take the run from the stalled worker" },
  );
  const before = await waitUntil(
    () => execution(t.pool, id),
    (e) => terminal.includes(e.status),
    { timeoutMs: 10_000, what: "the run to end after the stalled worker lost it" },
  );

  // the stalled worker wakes up, gets its (first) answer and tries to record its outcome
  process.kill(child.pid!, "SIGCONT");
  server.release();
  await waitFor(() => server.done().includes("answer-1"), { what: "the resumed child's attempt to get its answer" });
  await letPass(1500);
  const after = await execution(t.pool, id);

  // the newer attempt's outcome, before the stalled worker woke and after
  const outcome = (e: typeof after) => ({ status: e.status, result: e.result });
  // (soft: on failure the checks of the attempts below are reported too)
  expect.soft({ before: outcome(before), after: outcome(after) }).toEqual({
    before: { status: "succeeded", result: "answer-2" },
    after: { status: "succeeded", result: "answer-2" },
  });

  // the stalled attempt stays lost; the newer one succeeded
  const tried = await attempts(t.pool, id);
  const lost = tried[0]!;
  expect(lost.worker_id).toBe(childWorker);
  expect.soft(lost.status).not.toBe("succeeded");
  expect.soft(lost.status).not.toBe("running");
  expect.soft(lost.error?.message ?? "").toMatch(/worker/i);
  expect.soft(tried.length).toBeGreaterThanOrEqual(2);
  expect.soft(tried.at(-1)!.status).toBe("succeeded");
  expect.soft(tried.at(-1)!.worker_id).not.toBe(childWorker);

  // and none of the stalled attempt's step results (its answer came after it lost the run) was stored
  const stale = await t.pool.query(`select count(*)::int as n from step_results where execution_id = $1 and result = '"answer-1"'::jsonb`, [
    id,
  ]);
  expect.soft(stale.rows[0].n).toBe(0);
});

/**
 * Bulk replay through the real runtime: the pg-boss job, replays accepted by the batcher and run
 * by the worker in isolated-vm. The failed originals are inserted with SQL (a thousand runs need
 * no thousand webhooks).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { cancelBulkReplay } from "@/app/_server/services/bulk-replays/cancel-bulk-replay";
import { countReplayable } from "@/app/_server/services/bulk-replays/count-replayable";
import { getBulkReplay } from "@/app/_server/services/bulk-replays/get-bulk-replays";
import { startBulkReplay } from "@/app/_server/services/bulk-replays/start-bulk-replay";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { deploy } from "@/test/fixtures/deploy";
import { testServices } from "@/test/fixtures/services";
import { cliAgainstApi } from "@/test/support/cli-against-api";
import { codeStepFlow, startWebhookRuntime, type WebhookRuntime } from "@/test/fixtures/webhook-runtime";
import { waitFor } from "@/test/wait-for";
import { replayExecution } from "../ingest/replay-execution";
import { nextBatch } from "./bulk-replay-statements";

let h: WebhookRuntime;

beforeAll(async () => {
  h = await startWebhookRuntime();
});
afterAll(async () => {
  await h?.close();
});

const flow = () => codeStepFlow(`module.exports = async (ctx, input) => ({ data: { again: input } });`, { synchronous: false });

/** an instance of a flow echoing its trigger with `n` failed runs, inserted directly, queued a minute apart an hour back */
async function instanceWithFailedRuns(n: number) {
  const d = await deploy(h.t.db, flow());
  const r = await h.t.pool.query(
    `insert into executions (instance_id, integration_id, version_id, customer_id, flow_key, source, status, trigger_payload, error, queued_at, finished_at)
     select i.id, i.integration_id, i.version_id, i.customer_id, f.flow_key, 'webhook', 'failed', jsonb_build_object('body', jsonb_build_object('order', g)),
            '{"message":"the customer API answered 503"}', now() - interval '2 hours' + g * interval '1 second', now() - interval '1 hour'
       from instances i join instance_flows f on f.instance_id = i.id, generate_series(1, $2) g
      where i.id = $1
     returning id`,
    [d.instance.id, n],
  );
  return { ...d, originals: r.rows.map((x) => x.id as string) };
}

const newRuns = async (originals: string[]) =>
  (await h.t.pool.query(`select id, replay_of, status, source from executions where replay_of = any($1::uuid[])`, [originals]))
    .rows as Array<{
    id: string;
    replay_of: string;
    status: string;
    source: string;
  }>;

test("a bulk replay of 1,000 failed runs shows progress, stops when canceled halfway, and links every new run to its original", async () => {
  const { instance, originals } = await instanceWithFailedRuns(1000);
  const filter = { instanceId: instance.id, status: "failed" as const };
  expect(await countReplayable(h.t.db, filter)).toBe(1000);

  const perSecond = 200;
  const started = Date.now();
  const { id, total } = await startBulkReplay(h.t.db, h.runtime.bulkReplays, { filter, perSecond, userId: null });
  expect(total).toBe(1000);

  // progress while it goes: some replayed, the rest remaining
  const midway = await waitFor(
    async () => {
      const b = await getBulkReplay(h.t.db, id);
      return b.status === "running" && b.replayed >= 300 ? b : null;
    },
    { timeoutMs: 30_000, what: "300 runs replayed" },
  );
  expect(midway.remaining).toBe(1000 - midway.replayed - midway.failed);
  expect(midway.remaining).toBeGreaterThan(0);
  await cancelBulkReplay(h.t.db, id);
  const canceled = await waitFor(
    async () => {
      const b = await getBulkReplay(h.t.db, id);
      return b.status === "canceled" ? b : null;
    },
    { what: "the bulk replay canceled" },
  );
  const elapsedS = (Date.now() - started) / 1000;
  expect(canceled.failed).toBe(0);
  expect(canceled.replayed).toBeGreaterThanOrEqual(300);
  expect(canceled.replayed).toBeLessThan(1000);
  expect(canceled.remaining).toBe(1000 - canceled.replayed);
  // throttled: never faster than the rate (one batch of slack for the first)
  expect(canceled.replayed).toBeLessThanOrEqual(perSecond * elapsedS + 50);

  // nothing more is replayed after the cancel, and every new run points at a distinct original of the set
  const runs = await newRuns(originals);
  expect(runs).toHaveLength(canceled.replayed);
  expect(new Set(runs.map((r) => r.replay_of)).size).toBe(runs.length);
  expect(runs.every((r) => r.source === "replay")).toBe(true);
  // oldest first: the originals replayed are the earliest ones
  const replayedSet = new Set(runs.map((r) => r.replay_of));
  expect(originals.slice(0, canceled.replayed).every((o) => replayedSet.has(o))).toBe(true);
  // each bulk_replay_runs row names its new run
  const linked = await h.t.pool.query(
    `select count(*)::int as n from bulk_replay_runs b join executions e on e.id = b.execution_id and e.replay_of = b.original_id where b.bulk_replay_id = $1 and b.outcome = 'replayed'`,
    [id],
  );
  expect(linked.rows[0].n).toBe(canceled.replayed);

  // the real worker runs them, with the original's payload
  await waitFor(async () => (await newRuns(originals)).every((r) => r.status === "succeeded"), {
    timeoutMs: 60_000,
    what: "the replays to succeed",
  });
  const one = await h.t.pool.query(
    `select e.result, o.trigger_payload from executions e join executions o on o.id = e.replay_of where e.id = $1`,
    [runs[0]!.id],
  );
  expect(one.rows[0].result.again.trigger.results).toEqual(one.rows[0].trigger_payload);
  const final = await getBulkReplay(h.t.db, id);
  expect(final.newRuns).toEqual({ succeeded: canceled.replayed });
  expect(await newRuns(originals)).toHaveLength(canceled.replayed);
}, 120_000);

test("a job picking up after a crash never replays an original twice", async () => {
  const { instance, originals } = await instanceWithFailedRuns(30);
  // created but not queued yet: the "crashed" job's work is done by hand first
  const held = { queue: async () => {} };
  const { id } = await startBulkReplay(h.t.db, held, { filter: { instanceId: instance.id }, perSecond: 1000, userId: null });
  // the crashed job had chosen ids for a batch of 10 and had 4 of them accepted when it died
  const batch = await nextBatch(h.t.pool, id, 10);
  for (const item of batch.slice(0, 4))
    await replayExecution(h.t.pool, h.runtime.batcher, { executionId: item.original_id, id: item.execution_id });

  await h.runtime.bulkReplays.queue(id);
  const done = await waitFor(
    async () => {
      const b = await getBulkReplay(h.t.db, id);
      return b.status === "completed" ? b : null;
    },
    { what: "the bulk replay completed" },
  );
  expect(done).toMatchObject({ replayed: 30, failed: 0, remaining: 0 });
  const runs = await newRuns(originals);
  expect(runs).toHaveLength(30);
  expect(new Set(runs.map((r) => r.replay_of))).toEqual(new Set(originals));
  // the ids chosen before the crash are the runs' ids
  for (const item of batch) expect(runs.find((r) => r.replay_of === item.original_id)!.id).toBe(item.execution_id);
});

test("runs that cannot be replayed are counted as failed with the reason; the rest go on", async () => {
  const { instance } = await instanceWithFailedRuns(5);
  await h.t.pool.query(`update instances set enabled = false where id = $1`, [instance.id]);
  const { id } = await startBulkReplay(h.t.db, h.runtime.bulkReplays, {
    filter: { instanceId: instance.id },
    perSecond: 100,
    userId: null,
  });
  const done = await waitFor(
    async () => {
      const b = await getBulkReplay(h.t.db, id);
      return b.status === "completed" ? b : null;
    },
    { what: "the bulk replay completed" },
  );
  expect(done).toMatchObject({ replayed: 0, failed: 5, remaining: 0 });
  expect(done.failures[0]!.error).toMatch(/instance is disabled/);
});

test("a customer user's bulk replay takes only its customer's runs, and others' bulk replays are out of its reach", async () => {
  const mine = await instanceWithFailedRuns(3);
  const theirs = await instanceWithFailedRuns(4);
  const user = await h.t.pool.query(
    `insert into users (id, name, email, email_verified, role, customer_id) values (gen_random_uuid()::text, 'C', $1, true, 'customer', $2) returning id`,
    [`c-${Date.now()}@example.test`, mine.customerId],
  );
  const caller = (customerId: string | null, role: "customer" | "admin") =>
    createCallerFactory(appRouter)({
      services: testServices(h.t, h.runtime),
      db: h.t.db,
      principal: { userId: user.rows[0].id, email: "c@example.test", name: "C", role, customerId, via: "session" },
      headers: new Headers(),
    });
  const customer = caller(mine.customerId, "customer");
  // no filters: the customer's own failed runs only
  expect((await customer.executions.bulkReplayCount({ status: "failed" })).count).toBe(3);
  await expect(customer.executions.bulkReplayCount({ customerId: theirs.customerId })).rejects.toThrow(/another customer/);
  const { total } = await customer.executions.bulkReplay({ filter: { status: "failed" }, perSecond: 100 });
  expect(total).toBe(3);

  const admins = await caller(null, "admin").executions.bulkReplay({ filter: { instanceId: theirs.instance.id }, perSecond: 100 });
  await expect(customer.executions.bulkReplayGet({ id: admins.id })).rejects.toThrow(/another customer/);
  await expect(customer.executions.bulkReplayCancel({ id: admins.id })).rejects.toThrow(/another customer/);
  expect((await customer.executions.bulkReplays()).map((b) => b.id)).not.toContain(admins.id);
});

test("junction executions:replay with filters: counts, refuses without --yes when it cannot ask, then replays and follows to the end", async () => {
  const { instance, originals } = await instanceWithFailedRuns(12);
  const cli = await cliAgainstApi(h.t, testServices(h.t, h.runtime));
  try {
    const args = ["executions:replay", "--instance", instance.id, "--status", "failed", "--per-second", "100"];
    const refused = await cli.junction(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("12 runs match these filters.");
    expect(refused.stderr).toContain("Replaying repeats side effects");
    expect(refused.stderr).toContain("nothing was replayed: run again with --yes");
    expect(await newRuns(originals)).toHaveLength(0);

    const done = await cli.junction([...args, "--yes"]);
    expect(done.stderr).toMatch(/completed: 12 replayed · 0 failed · 0 remaining/);
    expect(done.code).toBe(0);
    const id = done.stdout.trim();
    expect((await getBulkReplay(h.t.db, id)).status).toBe("completed");
    expect(new Set((await newRuns(originals)).map((r) => r.replay_of))).toEqual(new Set(originals));
  } finally {
    await cli.stop();
  }
});

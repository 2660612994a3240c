/**
 * Polling component triggers end to end: a component installed from a package, a flow deployed to
 * an instance, the real scheduler (short minutes), pg-boss, worker and sandbox, against a local
 * HTTP feed.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installComponent } from "@/components-registry/store/install-component";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import { saveDraft } from "@/app/_server/services/integrations/save-draft";
import { parseDefinitionYaml } from "@/runtime/definition";
import { publishIntegration } from "@/app/_server/services/integrations/publish-integration";
import { loadComponentCatalog } from "@/app/_server/services/components/component-catalog";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { CHANNELS } from "../queue/channels";
import { startRuntime, type Runtime } from "../runtime";
import { runPoll } from "./run-poll";
import { feedPackage, startFeedServer, type FeedServer } from "./test-support/feed-component";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let feed: FeedServer;

beforeAll(async () => {
  process.env.JUNCTION_MINUTE_MS = "400";
  t = await createTestDatabase();
  const pkg = feedPackage();
  await installComponent(t.db, { path: pkg.dir });
  pkg.remove();
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowedHosts: ["127.0.0.1"] } });
  feed = await startFeedServer();
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await runner?.close();
  await feed?.close();
  await t?.drop();
});

const definition = (schedule: string, extraStep = "") => `definitionVersion: 1
name: Feed ${randomUUID()}
configPages:
  - name: Setup
    elements:
      - configVar: { key: feedUrl, label: Feed URL, type: string, required: true }
flows:
  - name: New items
    trigger:
      type: component
      component: feed
      trigger: newItems
      inputs: { url: { configVar: feedUrl }, maxItems: { value: 2 } }
      schedule: ${schedule}
    steps:
      - name: Echo
        action: feed.echo
        inputs: { value: { reference: trigger.results.body } }
${extraStep}`;

const executions = async (instanceId: string) =>
  (
    await t.pool.query(
      `select e.id, e.status, e.source, e.trigger_payload, e.error, s.result
         from executions e left join step_results s on s.execution_id = e.id and s.step_key = 'echo'
        where e.instance_id = $1 order by e.queued_at, (e.trigger_payload->'body'->>'id')::int`,
      [instanceId],
    )
  ).rows;
const cursorOf = async (instanceId: string) =>
  (await t.pool.query("select cursor, polled_slot from trigger_cursors where instance_id = $1", [instanceId])).rows[0];
const succeededIds = async (instanceId: string) =>
  (await executions(instanceId)).filter((e) => e.status === "succeeded").map((e) => (e.result as { id: number }).id);

describe("polling triggers", () => {
  test("polls on the schedule: one execution per new item (at most maxItems a poll, the rest next), none for empty polls, acknowledged after; the cursor survives a republish and an instance upgrade", async () => {
    runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true });
    feed.add("one");
    feed.add("two");
    feed.add("three");
    const { instance, integrationId } = await deploy(t.db, definition("{ every: 1, unit: minutes }"), { feedUrl: feed.url });

    // three items, two a poll: two polls, three executions whose step sees trigger.results.body
    expect(
      await waitFor(async () => ((await succeededIds(instance.id)).length === 3 ? succeededIds(instance.id) : null), {
        timeoutMs: 15_000,
        what: "three runs",
      }),
    ).toEqual([1, 2, 3]);
    const rows = await executions(instance.id);
    expect(rows.every((r) => r.source === "poll")).toBe(true);
    expect(rows[0].trigger_payload).toMatchObject({ body: { id: 1, title: "one" }, trigger: "feed.newItems" });
    await waitFor(() => feed.acks.length === 3, { what: "the acknowledgements" });
    expect(feed.acks).toEqual([1, 2, 3]);

    // empty polls create nothing
    const polls = feed.polls;
    await waitFor(() => feed.polls >= polls + 3, { what: "three more polls", timeoutMs: 10_000 });
    expect((await executions(instance.id)).length).toBe(3);
    expect((await cursorOf(instance.id)).cursor).toEqual({ trigger: "feed.newItems", value: 3 });

    // republish with a changed flow, upgrade the instance: the cursor stays, only the new item runs
    const changed = parseDefinitionYaml(
      definition(
        "{ every: 1, unit: minutes }",
        "      - name: Echo again\n        action: feed.echo\n        inputs: { value: { value: 1 } }\n",
      ),
    );
    if (!changed.ok) throw new Error(JSON.stringify(changed.errors));
    const current = (await t.pool.query("select draft from integrations where id = $1", [integrationId])).rows[0].draft;
    await saveDraft(t.db, { id: integrationId, definition: { ...changed.definition, name: current.name } });
    await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: integrationId, userId: null });
    await updateInstance(t.db, { id: instance.id, version: "latest" });
    feed.add("four");
    expect(
      await waitFor(async () => ((await succeededIds(instance.id)).length === 4 ? succeededIds(instance.id) : null), {
        timeoutMs: 15_000,
        what: "the fourth run",
      }),
    ).toEqual([1, 2, 3, 4]);
    const polls2 = feed.polls;
    await waitFor(() => feed.polls >= polls2 + 2, { what: "two more polls", timeoutMs: 10_000 });
    expect((await executions(instance.id)).length).toBe(4);
    expect((await cursorOf(instance.id)).cursor).toEqual({ trigger: "feed.newItems", value: 4 });
    await updateInstance(t.db, { id: instance.id, enabled: false });
  }, 60_000);

  test("a poll whose worker dies before the commit loses nothing; a slot is polled once; a failed poll leaves the cursor and a failed execution", async () => {
    // due once in 10000 minutes: the scheduler leaves this one to the test
    const { instance } = await deploy(t.db, definition("{ every: 10000, unit: minutes }"), { feedUrl: feed.url });
    const flowKey = "newItems";
    const deps = { pool: t.pool, boss, runner };
    feed.add("five");
    feed.add("six");

    // the first poll is taken from the feed, then its worker "dies" before committing
    await expect(
      runPoll({ ...deps, beforeCommit: () => Promise.reject(new Error("worker killed")) }, { instanceId: instance.id, flowKey, slot: 1 }),
    ).rejects.toThrow("worker killed");
    expect(await executions(instance.id)).toEqual([]);
    expect((await cursorOf(instance.id)).cursor).toBeNull();

    // the next slot polls the same items again; the same slot again is skipped
    const second = await runPoll(deps, { instanceId: instance.id, flowKey, slot: 2 });
    expect(second).toMatchObject({ status: "polled", cursor: 2 });
    expect(await runPoll(deps, { instanceId: instance.id, flowKey, slot: 2 })).toEqual({
      status: "skipped",
      reason: "slot 2 was already polled",
    });
    expect(await runPoll(deps, { instanceId: instance.id, flowKey, slot: 1 })).toMatchObject({ status: "skipped" });
    const third = await runPoll(deps, { instanceId: instance.id, flowKey, slot: 3 });
    expect(third).toMatchObject({ status: "polled", cursor: 4 });
    const bodies = (await executions(instance.id)).map((e) => e.trigger_payload.body.id).sort((a: number, b: number) => a - b);
    expect(bodies).toEqual([1, 2, 3, 4]);

    // a failing feed: the poll fails visibly, the cursor stays, nothing else is created
    const listener = await t.pool.connect();
    const notices: string[] = [];
    listener.on("notification", (n) => notices.push(n.payload ?? ""));
    await listener.query(`listen ${CHANNELS.done}`);
    feed.failWith = 503;
    const failed = await runPoll(deps, { instanceId: instance.id, flowKey, slot: 4 });
    feed.failWith = null;
    // announced as a finished run is (the alert engine hears it)
    await waitFor(() => notices.some((n) => n.startsWith(`${(failed as { executionId: string }).executionId}:failed:${instance.id}:`)), {
      what: "the done notice",
    });
    await listener.query(`unlisten ${CHANNELS.done}`);
    listener.release();
    expect(failed).toMatchObject({ status: "failed", message: "Poll of feed.newItems failed: feed answered 503" });
    const row = (
      await t.pool.query("select status, source, error from executions where id = $1", [(failed as { executionId: string }).executionId])
    ).rows[0];
    expect(row).toMatchObject({ status: "failed", source: "poll", error: { message: "Poll of feed.newItems failed: feed answered 503" } });
    const logs = (
      await t.pool.query("select level, message from execution_logs where execution_id = $1 order by id", [
        (failed as { executionId: string }).executionId,
      ])
    ).rows;
    expect(logs).toEqual([
      { level: "info", message: "polling after 4" },
      { level: "error", message: "Poll of feed.newItems failed: feed answered 503" },
    ]);
    expect((await cursorOf(instance.id)).cursor).toEqual({ trigger: "feed.newItems", value: 4 });
    // the feed back: the rest (items 5 and 6), then an empty poll that creates nothing
    expect(await runPoll(deps, { instanceId: instance.id, flowKey, slot: 5 })).toMatchObject({ status: "polled", cursor: 6 });
    expect(await runPoll(deps, { instanceId: instance.id, flowKey, slot: 6 })).toMatchObject({
      status: "polled",
      executionIds: [],
      cursor: 6,
    });
    expect((await executions(instance.id)).length).toBe(7);

    // a cursor another trigger left (the flow switched triggers) is not given to this one: it starts afresh
    await t.pool.query("update trigger_cursors set cursor = $2 where instance_id = $1", [
      instance.id,
      JSON.stringify({ trigger: "other.trigger", value: 6 }),
    ]);
    expect(await runPoll(deps, { instanceId: instance.id, flowKey, slot: 7 })).toMatchObject({ status: "polled", cursor: 2 });
  }, 60_000);
});

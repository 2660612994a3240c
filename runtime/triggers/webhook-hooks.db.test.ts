/**
 * Webhook-style component triggers: deploying an instance subscribes at the remote system (a
 * local server recording the calls) with the flow's webhook URL, calls to that URL run the flow,
 * and deleting the instance — or upgrading to a version whose flow no longer has the trigger —
 * unsubscribes with the state the deploy hook returned. A refused subscription fails the deploy.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installComponent } from "@/components-registry/store/install-component";
import { createCustomer } from "@/app/_server/services/customers/customers";
import { createInstance } from "@/app/_server/services/instances/create-instance";
import { deleteInstance, updateInstance } from "@/app/_server/services/instances/update-instance";
import { saveDraft } from "@/app/_server/services/integrations/save-draft";
import { publishIntegration } from "@/app/_server/services/integrations/publish-integration";
import { importIntegration } from "@/app/_server/services/integrations/import-integration";
import { loadComponentCatalog } from "@/app/_server/services/components/component-catalog";
import { parseDefinitionYaml } from "@/runtime/definition";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { startRuntime, type Runtime } from "../runtime";
import { setTriggerHookRunner } from "./hook-runner";
import { feedPackage, startFeedServer, type FeedServer } from "./test-support/feed-component";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let tracker: FeedServer;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const pkg = feedPackage();
  await installComponent(t.db, { path: pkg.dir });
  pkg.remove();
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowedHosts: ["127.0.0.1"] } });
  setTriggerHookRunner(runner);
  tracker = await startFeedServer();
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  setTriggerHookRunner(undefined);
  server?.close();
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await runner?.close();
  await tracker?.close();
  await t?.drop();
});

const definition = (name: string, trigger: string) => `definitionVersion: 1
name: ${name}
configPages:
  - name: Setup
    elements:
      - configVar: { key: trackerUrl, label: Tracker URL, type: string, required: true }
flows:
  - name: Issues
    trigger: ${trigger}
    steps:
      - name: Echo
        action: feed.echo
        inputs: { value: { reference: trigger.results.body } }
`;
const componentTrigger = "{ type: component, component: feed, trigger: issueCreated, inputs: { url: { configVar: trackerUrl } } }";
const subscriptionOf = async (instanceId: string) =>
  (await t.pool.query("select subscribed_trigger, subscription from trigger_cursors where instance_id = $1", [instanceId])).rows[0];

describe("webhook-style component triggers", () => {
  test("deploy subscribes with the flow's webhook URL, calls to it run the flow, delete unsubscribes with the kept state", async () => {
    tracker.subscriptions.length = 0;
    const { instance, tokens } = await deploy(t.db, definition(`Issues ${randomUUID()}`, componentTrigger), { trackerUrl: tracker.url });
    const hookUrl = instance.flows[0].webhookUrl;
    expect(tracker.subscriptions).toEqual([{ op: "subscribe", body: { callback: hookUrl } }]);
    expect((await subscriptionOf(instance.id)).subscription).toEqual({ subscriptionId: "sub-1" });

    const res = await fetch(`${base}/webhooks/${tokens.issues}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issue: 42 }),
    });
    expect(res.status).toBeLessThan(300);
    const step = await waitFor(
      async () =>
        (
          await t.pool.query(
            "select s.result from executions e join step_results s on s.execution_id = e.id where e.instance_id = $1 and e.status = 'succeeded'",
            [instance.id],
          )
        ).rows[0],
      { what: "the run" },
    );
    expect(step.result).toEqual({ issue: 42 });

    await deleteInstance(t.db, instance.id);
    expect(tracker.subscriptions[1]).toEqual({ op: "unsubscribe", body: { subscriptionId: "sub-1" } });
  }, 30_000);

  test("an upgrade to a version without the trigger unsubscribes; back to one with it subscribes again", async () => {
    tracker.subscriptions.length = 0;
    const name = `Issues ${randomUUID()}`;
    const { instance, integrationId } = await deploy(t.db, definition(name, componentTrigger), { trackerUrl: tracker.url });
    const republish = async (trigger: string) => {
      const parsed = parseDefinitionYaml(definition(name, trigger));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      await saveDraft(t.db, { id: integrationId, definition: parsed.definition });
      await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: integrationId, userId: null });
      await updateInstance(t.db, { id: instance.id, version: "latest" });
    };
    await republish("{ type: webhook }");
    expect(tracker.subscriptions.map((s) => s.op)).toEqual(["subscribe", "unsubscribe"]);
    expect(tracker.subscriptions[1].body).toEqual({ subscriptionId: "sub-1" });
    expect((await subscriptionOf(instance.id)).subscribed_trigger).toBeNull();
    await republish(componentTrigger);
    expect(tracker.subscriptions.map((s) => s.op)).toEqual(["subscribe", "unsubscribe", "subscribe"]);
    await deleteInstance(t.db, instance.id);
  }, 30_000);

  test("a refused subscription fails the deploy with the trigger's message and leaves no instance", async () => {
    const { id: integrationId } = await importIntegration(t.db, {
      yaml: definition(`Issues ${randomUUID()}`, componentTrigger),
      userId: null,
    });
    await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: integrationId, userId: null });
    const customer = (await createCustomer(t.db, { name: `Refused ${randomUUID()}` }))!;
    tracker.refuseSubscribe = true;
    try {
      await expect(
        createInstance(t.db, { integrationId, customerId: customer.id, configValues: { trackerUrl: tracker.url } }),
      ).rejects.toThrow(
        'cannot deploy: Flow "Issues": feed.issueCreated could not subscribe (onInstanceDeploy): the tracker refused the subscription: {"error":"no such project"}',
      );
    } finally {
      tracker.refuseSubscribe = false;
    }
    expect((await t.pool.query("select count(*)::int as n from instances where integration_id = $1", [integrationId])).rows[0].n).toBe(0);
  }, 30_000);
});

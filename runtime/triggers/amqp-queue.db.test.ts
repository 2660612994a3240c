/**
 * The AMQP connector's queueMessages polling trigger (installed from its folder) against the
 * machine's RabbitMQ, through the real poll path (sandbox, trigger_cursors, executions, pg-boss):
 * messages become executions, are acked only after those are committed, and come back
 * (redelivered) when the poll fails or its worker dies before the commit.
 */
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { connect, type Channel, type ChannelModel } from "amqplib";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installComponent } from "@/components-registry/store/install-component";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { runPoll } from "./run-poll";

const BROKER = { host: "127.0.0.1", port: 5672, username: "guest", password: "guest", vhost: "/", tls: "disable" };

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let amqp: ChannelModel;
let channel: Channel;

beforeAll(async () => {
  t = await createTestDatabase();
  // the connector as it ships, installed from its folder
  await installComponent(t.db, { path: join(process.cwd(), "components-registry/connectors/amqp") });
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowedHosts: ["127.0.0.1"] } });
  amqp = await connect(`amqp://guest:guest@127.0.0.1:5672`);
  channel = await amqp.createChannel();
}, 60_000);

afterAll(async () => {
  delete process.env.JUNCTION_TRIGGER_MAX_ITEMS;
  await amqp?.close();
  await boss?.stop({ graceful: false, wait: true });
  await runner?.close();
  await t?.drop();
});

const definition = (queue: string) => `definitionVersion: 1
name: Queue ${randomUUID()}
configPages:
  - name: Setup
    elements:
      - configVar: { key: broker, label: Broker, type: credential, credentialType: connection, connection: { component: amqp, key: broker } }
flows:
  - name: Orders
    trigger:
      type: component
      component: amqp
      trigger: queueMessages
      inputs: { connection: { configVar: broker }, queue: { value: ${queue} }, maxMessages: { value: 3 } }
      schedule: { every: 10000, unit: minutes }
    steps: []
`;

const ready = async (queue: string) => (await channel.checkQueue(queue)).messageCount;
const bodies = async (instanceId: string) =>
  (
    await t.pool.query(
      "select trigger_payload from executions where instance_id = $1 and source = 'poll' and status <> 'failed' order by queued_at",
      [instanceId],
    )
  ).rows.map((r) => r.trigger_payload.body);

describe("amqp queueMessages trigger", () => {
  test("messages become executions and are acked after the commit; a failed poll or a worker dying before the commit sends them back", async () => {
    const queue = `junction-trigger-${randomUUID()}`;
    await channel.assertQueue(queue, { durable: false, autoDelete: false });
    channel.sendToQueue(queue, Buffer.from(JSON.stringify({ order: 1 })), { contentType: "application/json", headers: { source: "shop" } });
    channel.sendToQueue(queue, Buffer.from("plain two"), { contentType: "text/plain" });
    channel.sendToQueue(queue, Buffer.from("{not json"), { contentType: "application/json", messageId: "m3" });
    await waitFor(async () => (await ready(queue)) === 3, { what: "three messages" });

    const { instance } = await deploy(t.db, definition(queue), { broker: BROKER });
    const job = (slot: number) => ({ instanceId: instance.id, flowKey: "orders", slot });
    const deps = { pool: t.pool, boss, runner };

    // a poll that fails (more items than a poll may return): recorded, nothing created, messages back
    process.env.JUNCTION_TRIGGER_MAX_ITEMS = "2";
    const failed = await runPoll(deps, job(1));
    delete process.env.JUNCTION_TRIGGER_MAX_ITEMS;
    expect(failed).toMatchObject({ status: "failed", message: expect.stringContaining("poll returned 3 items; at most 2 a poll") });
    expect(await bodies(instance.id)).toEqual([]);
    await waitFor(async () => (await ready(queue)) === 3, { what: "the messages back on the queue" });

    // the worker dies between the poll and the commit: taken off the queue, not acked, back again
    let during = -1;
    await expect(
      runPoll(
        {
          ...deps,
          beforeCommit: async () => {
            during = await ready(queue);
            throw new Error("worker killed");
          },
        },
        job(2),
      ),
    ).rejects.toThrow("worker killed");
    expect(during).toBe(0);
    expect(await bodies(instance.id)).toEqual([]);
    await waitFor(async () => (await ready(queue)) === 3, { what: "the messages back again" });

    // a good poll: three executions, then acked (nothing comes back when its channel closes)
    const good = await runPoll(deps, job(3));
    expect(good).toMatchObject({ status: "polled" });
    const items = await bodies(instance.id);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      content: { order: 1 },
      contentType: "application/json",
      headers: { source: "shop" },
      routingKey: queue,
      redelivered: true,
    });
    expect(items[1]).toMatchObject({ content: "plain two", contentType: "text/plain" });
    expect(items[2]).toMatchObject({ content: "{not json", messageId: "m3", contentError: expect.stringMatching(/^not JSON: /) });
    await waitFor(async () => (await ready(queue)) === 0, { what: "the acknowledged messages gone from the queue" });
    // an empty queue: an empty poll, no executions
    expect(await runPoll(deps, job(4))).toMatchObject({ status: "polled", executionIds: [] });
    expect(await bodies(instance.id)).toHaveLength(3);
    await channel.deleteQueue(queue);
  }, 60_000);
});

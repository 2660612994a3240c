/**
 * The AMQP connector installed from its folder and run in the real sandbox against the machine's
 * RabbitMQ: both publish actions (what arrives, with its properties), the queue trigger's poll and
 * acknowledge through context.amqp.get/ack, redelivery of what an execution did not acknowledge,
 * the network policy. Queues and the exchange are uniquely named and deleted after.
 */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { connect, type Channel, type ChannelModel, type GetMessage } from "amqplib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import type { ComponentManifest, TriggerInvocation, TriggerPhase } from "@/components-registry/contract";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { invocation } from "@/components-registry/test-support/invocation";

const ID = randomUUID().slice(0, 8);
const Q = `junction.amqp-connector.${ID}`;
const BOUND = `${Q}.bound`;
const X = `${Q}.x`;
const connection = { host: "127.0.0.1", port: 5672, username: "guest", password: "guest", vhost: "/", tls: "disable" };

let manifest: ComponentManifest;
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: ChannelModel;
let ch: Channel;

beforeAll(async () => {
  const prepared = await preparePackage({ path: dirname(fileURLToPath(import.meta.url)) });
  manifest = prepared.manifest;
  const loader = createMemoryBundleLoader([prepared]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = await connect("amqp://guest:guest@127.0.0.1:5672");
  ch = await admin.createChannel();
  await ch.assertQueue(Q, { durable: true });
  await ch.assertQueue(BOUND, { durable: false });
  await ch.assertExchange(X, "topic", { durable: false });
  await ch.bindQueue(BOUND, X, "orders.*");
}, 60_000);
afterAll(async () => {
  await ch?.deleteQueue(Q);
  await ch?.deleteQueue(BOUND);
  await ch?.deleteExchange(X);
  await admin?.close();
  await runner?.close();
  await strict?.close();
});

const run = async (action: string, inputs: Record<string, unknown>, r = runner) => {
  const inv = invocation("amqp", action, { connection, ...inputs });
  inv.facts.executionId = `exec-${randomUUID()}`;
  try {
    return (await r.run(inv)).data;
  } finally {
    await r.endExecution(inv.facts.executionId);
  }
};

const trigger = (phase: TriggerPhase, executionId: string, extra: Partial<TriggerInvocation> = {}): Promise<unknown> => {
  const {
    action: _a,
    stepResults: _s,
    lines: _l,
    ...base
  } = invocation("amqp", "queueMessages", { connection, queue: Q, maxMessages: 10 });
  base.facts.executionId = executionId;
  return runner.runTrigger({ ...base, trigger: "queueMessages", phase, ...extra });
};

const take = (queue: string): Promise<GetMessage> =>
  waitFor(() => ch.get(queue, { noAck: true }), { timeoutMs: 2500, what: `a message on ${queue}` }) as Promise<GetMessage>;

describe("amqp connector", () => {
  test("the manifest: both publish actions and the queue trigger use the broker connection", () => {
    expect(manifest.key).toBe("amqp");
    expect(Object.keys(manifest.actions).sort()).toEqual(["publishToExchange", "publishToQueue"]);
    expect(Object.keys(manifest.triggers ?? {})).toEqual(["queueMessages"]);
    const fields = manifest.connections!.broker.fields;
    expect(fields.map((f) => f.key)).toEqual(["host", "port", "username", "password", "vhost", "tls", "caCertificate"]);
    expect(fields.find((f) => f.key === "password")!.type).toBe("password");
    for (const a of Object.values(manifest.actions))
      expect(a.inputs.find((i) => i.key === "connection")).toMatchObject({ connection: "broker" });
  });

  test("publishToQueue: JSON for objects, persistent, headers and ids arrive", async () => {
    expect(
      await run("publishToQueue", {
        queue: Q,
        message: { order: 42, items: ["a"] },
        headers: { source: "shop", attempt: 1 },
        correlationId: "c-1",
      }),
    ).toEqual({ published: true, exchange: "", routingKey: Q });
    const m = await take(Q);
    expect(JSON.parse(m.content.toString())).toEqual({ order: 42, items: ["a"] });
    expect(m.properties).toMatchObject({
      contentType: "application/json",
      deliveryMode: 2,
      correlationId: "c-1",
      headers: { source: "shop", attempt: 1 },
    });
    expect(m.properties.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("publishToExchange: routed by key; text as text/plain; persistent off; a content type given wins", async () => {
    await run("publishToExchange", {
      exchange: X,
      routingKey: "orders.created",
      message: "plain text",
      persistent: false,
      messageId: "m-7",
    });
    const m = await take(BOUND);
    expect(m.content.toString()).toBe("plain text");
    expect(m.fields).toMatchObject({ exchange: X, routingKey: "orders.created" });
    expect(m.properties).toMatchObject({ contentType: "text/plain", deliveryMode: 1, messageId: "m-7" });
    await run("publishToExchange", { exchange: X, routingKey: "orders.csv", message: "a,b\n1,2", contentType: "text/csv" });
    expect((await take(BOUND)).properties.contentType).toBe("text/csv");
  });

  test("a queue or exchange that does not exist is a clear error", async () => {
    await expect(run("publishToQueue", { queue: `${Q}.missing`, message: "x" })).rejects.toThrow(/not routed: there is no queue named/);
    await expect(run("publishToExchange", { exchange: `${X}.missing`, routingKey: "k", message: "x" })).rejects.toThrow(
      /there is no exchange named/,
    );
    await expect(run("publishToQueue", { queue: Q, message: "x", headers: ["a"] })).rejects.toThrow(/Headers.*expected an object/);
  });

  test("the queue trigger takes messages with context.amqp.get and acknowledges them with ack on the same channel", async () => {
    await run("publishToQueue", { queue: Q, message: { n: 1 } });
    await run("publishToQueue", { queue: Q, message: "two" });
    const e = `exec-${randomUUID()}`;
    const polled = (await trigger("poll", e)) as { items: { deliveryTag: number; content: unknown; redelivered: boolean }[] };
    expect(polled.items.map((i) => i.content)).toEqual([{ n: 1 }, "two"]);
    await trigger("acknowledge", e, { items: polled.items });
    await runner.endExecution(e);
    expect((await ch.checkQueue(Q)).messageCount).toBe(0);
  });

  test("a message taken and not acknowledged is redelivered after endExecution", async () => {
    await run("publishToQueue", { queue: Q, message: "again" });
    const e = `exec-${randomUUID()}`;
    const first = (await trigger("poll", e)) as { items: { content: unknown; redelivered: boolean }[] };
    expect(first.items).toMatchObject([{ content: "again", redelivered: false }]);
    await runner.endExecution(e);
    const e2 = `exec-${randomUUID()}`;
    const second = (await trigger("poll", e2)) as { items: { content: unknown; redelivered: boolean }[] };
    expect(second.items).toMatchObject([{ content: "again", redelivered: true }]);
    await trigger("acknowledge", e2, { items: second.items });
    await runner.endExecution(e2);
    expect((await ch.checkQueue(Q)).messageCount).toBe(0);
  });

  test("127.0.0.1 is refused unless allowed (JUNCTION_ALLOWED_HOSTS)", async () => {
    await expect(run("publishToQueue", { queue: Q, message: "x" }, strict)).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOWED_HOSTS/,
    );
  });
});

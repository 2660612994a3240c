/**
 * context.amqp through the real sandbox against the machine's RabbitMQ: the network policy,
 * confirmed publishes (to a queue, to an exchange, refused when nothing exists to take them), get
 * without ack, ack/nack by tag, un-acked messages back on the queue when the execution ends, the
 * size and count limits, connections per execution.
 */
import { randomUUID } from "node:crypto";
import { connect, type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import { preparePackage } from "../../packages/prepare-package";
import { invocation } from "../../test-support/invocation";
import { tempPackage } from "../../test-support/temp-package";
import { networkPolicyFromEnv } from "../limits";
import { createMemoryBundleLoader } from "../memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../sandbox-runner";
import { AmqpClients } from "./amqp-clients";
import { startTlsProxy } from "./redis-clients-tls-proxy";

const SOURCE = `
import { action, component, input } from "@junction/sdk";
const connection = input({ label: "Connection", type: "data", required: true });
export default component({
  key: "amqpProbe",
  label: "AMQP probe",
  description: "runs context.amqp",
  actions: {
    publish: action({
      label: "Publish",
      inputs: { connection, message: input({ label: "Message", type: "data", required: true }) },
      perform: async (context, i) => ({ data: await context.amqp.publish(i.connection as any, i.message as any) }),
    }),
    publishBytes: action({
      label: "Publish bytes",
      inputs: { connection, queue: input({ label: "Queue", type: "string", required: true }) },
      perform: async (context, i) => ({
        data: await context.amqp.publish(i.connection as any, { routingKey: i.queue, content: new Uint8Array([0, 1, 254, 255]) }),
      }),
    }),
    get: action({
      label: "Get",
      inputs: { connection, options: input({ label: "Options", type: "data", required: true }) },
      perform: async (context, i) => ({ data: await context.amqp.get(i.connection as any, i.options as any) }),
    }),
    ack: action({
      label: "Ack",
      inputs: { connection, tags: input({ label: "Tags", type: "data", required: true }) },
      perform: async (context, i) => ({ data: (await context.amqp.ack(i.connection as any, i.tags as any)) ?? "acked" }),
    }),
    nack: action({
      label: "Nack",
      inputs: { connection, tags: input({ label: "Tags", type: "data", required: true }), requeue: input({ label: "Requeue", type: "boolean" }) },
      perform: async (context, i) => ({ data: (await context.amqp.nack(i.connection as any, i.tags as any, i.requeue as any)) ?? "nacked" }),
    }),
  },
});
`;

const A = { host: "127.0.0.1", port: 5672, username: "guest", password: "guest" };
const ID = randomUUID().slice(0, 8);
const Q = `junction.amqp-test.${ID}`;
const Q2 = `${Q}.second`;
const X = `junction.amqp-test.${ID}.x`;

interface Got {
  deliveryTag: number;
  content: Uint8Array;
  contentType?: string;
  headers: Record<string, unknown>;
  exchange: string;
  routingKey: string;
  redelivered: boolean;
  messageId?: string;
  timestamp?: string;
}

const pkg = tempPackage(SOURCE);
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: ChannelModel;
let ch: Channel;

beforeAll(async () => {
  const loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  runner = createSandboxRunner({
    loadBundle: loader,
    network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"], fetchMaxBytes: 64 * 1024 },
  });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = await connect("amqp://guest:guest@127.0.0.1:5672");
  ch = await admin.createChannel();
  await ch.assertQueue(Q, { durable: false });
  await ch.assertQueue(Q2, { durable: false });
  await ch.assertExchange(X, "direct", { durable: false });
  await ch.bindQueue(Q2, X, "orders");
}, 60_000);
afterAll(async () => {
  await ch?.deleteQueue(Q);
  await ch?.deleteQueue(Q2);
  await ch?.deleteExchange(X);
  await admin?.close();
  await runner?.close();
  await strict?.close();
  pkg.remove();
});

const run = (r: SandboxRunner, action: string, inputs: Record<string, unknown>, executionId = `exec-${randomUUID()}`) => {
  const inv = invocation("amqpProbe", action, { connection: A, ...inputs });
  inv.facts.executionId = executionId;
  return r.run(inv).then((res) => res.data);
};
const get = (queue: string, max: number | undefined, e: string) => run(runner, "get", { options: { queue, max } }, e) as Promise<Got[]>;
const text = (m: Got) => Buffer.from(m.content).toString("utf8");
const depth = async (queue: string) => (await ch.checkQueue(queue)).messageCount;

describe("network policy", () => {
  test("127.0.0.1 is refused by default, naming the settings; accepted when allowed", async () => {
    expect(networkPolicyFromEnv({} as NodeJS.ProcessEnv).allowPrivateNetwork).toBe(false);
    await expect(run(strict, "publish", { message: { routingKey: Q, content: "x" } })).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK/,
    );
    expect(await depth(Q)).toBe(0);
    const e = `exec-${randomUUID()}`;
    expect(await run(runner, "publish", { message: { routingKey: Q, content: "allowed" } }, e)).toEqual({ published: true });
    const [m] = await get(Q, 1, e);
    expect(text(m)).toBe("allowed");
    await run(runner, "ack", { tags: [m.deliveryTag] }, e);
    await runner.endExecution(e);
    expect(await depth(Q)).toBe(0);
  });
});

describe("publish", () => {
  test("straight to a queue: persistent by default, content type, headers, message id and timestamp arrive", async () => {
    const e = `exec-${randomUUID()}`;
    await run(
      runner,
      "publish",
      {
        message: {
          exchange: "",
          routingKey: Q,
          content: '{"a":1}',
          contentType: "application/json",
          headers: { source: "shop", n: 3, ok: true },
        },
      },
      e,
    );
    await runner.endExecution(e);
    const m = await ch.get(Q, { noAck: true });
    expect(m).not.toBe(false);
    if (m === false) return;
    expect(m.content.toString()).toBe('{"a":1}');
    expect(m.properties).toMatchObject({ contentType: "application/json", deliveryMode: 2, headers: { source: "shop", n: 3, ok: true } });
    expect(m.properties.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(m.properties.timestamp * 1000 - Date.now())).toBeLessThan(60_000);
  });

  test("to an exchange with a routing key; persistent: false; bytes content", async () => {
    const e = `exec-${randomUUID()}`;
    await run(
      runner,
      "publish",
      { message: { exchange: X, routingKey: "orders", content: "via exchange", persistent: false, messageId: "m-1" } },
      e,
    );
    await run(runner, "publishBytes", { queue: Q2 }, e);
    const got = await get(Q2, 10, e);
    expect(got.map((m) => [m.exchange, m.routingKey, m.messageId ?? null])).toEqual([
      [X, "orders", "m-1"],
      ["", Q2, expect.any(String)],
    ]);
    expect(text(got[0])).toBe("via exchange");
    expect(got[1].content).toEqual(new Uint8Array([0, 1, 254, 255]));
    await run(runner, "ack", { tags: got.map((m) => m.deliveryTag) }, e);
    await runner.endExecution(e);
    expect(await depth(Q2)).toBe(0);
  });

  test("a missing queue or exchange is a clear error and does not lose the execution's unacknowledged messages", async () => {
    const e = `exec-${randomUUID()}`;
    await run(runner, "publish", { message: { routingKey: Q, content: "held" } }, e);
    const [held] = await get(Q, 1, e);
    await expect(run(runner, "publish", { message: { routingKey: `${Q}.nope`, content: "x" } }, e)).rejects.toThrow(
      /amqp\.publish: the message was not routed: there is no queue named "junction\.amqp-test\.[^"]+\.nope" \(NO_ROUTE\)/,
    );
    await expect(run(runner, "publish", { message: { exchange: `${X}.nope`, routingKey: "k", content: "x" } }, e)).rejects.toThrow(
      /there is no exchange named "junction\.amqp-test\.[^"]+\.x\.nope"/,
    );
    await expect(get(`${Q}.nope`, 1, e)).rejects.toThrow(/there is no queue named/);
    // the held message is still ours to acknowledge on the same channel
    expect(await run(runner, "ack", { tags: [held.deliveryTag] }, e)).toBe("acked");
    await runner.endExecution(e);
    expect(await depth(Q)).toBe(0);
  });

  test("bad messages name the field", async () => {
    await expect(run(runner, "publish", { message: { content: "x" } })).rejects.toThrow(/give an exchange, or a queue name as routingKey/);
    await expect(run(runner, "publish", { message: { routingKey: Q, content: { a: 1 } } })).rejects.toThrow(
      /content must be text or bytes/,
    );
    await expect(run(runner, "publish", { message: { routingKey: Q, content: "x", headers: { a: { b: 1 } } } })).rejects.toThrow(
      /header "a" must be text, a finite number or true\/false/,
    );
    await expect(run(runner, "publish", { message: { routingKey: Q, content: "x", persistent: "yes" } })).rejects.toThrow(
      /persistent must be true or false/,
    );
  });
});

describe("get, ack, nack", () => {
  test("get takes up to max without acknowledging; ack removes them; the rest stay", async () => {
    for (const n of [1, 2, 3]) await ch.sendToQueue(Q, Buffer.from(`m${n}`));
    await waitFor(async () => (await depth(Q)) === 3);
    const e = `exec-${randomUUID()}`;
    const got = await get(Q, 2, e);
    expect(got.map(text)).toEqual(["m1", "m2"]);
    expect(got[0].redelivered).toBe(false);
    expect(got[0].deliveryTag).not.toBe(got[1].deliveryTag);
    expect(await run(runner, "ack", { tags: got.map((m) => m.deliveryTag) }, e)).toBe("acked");
    await expect(run(runner, "ack", { tags: [got[0].deliveryTag] }, e)).rejects.toThrow(/unknown delivery tag \d+: already acknowledged/);
    await runner.endExecution(e);
    expect(await depth(Q)).toBe(1);
    const e2 = `exec-${randomUUID()}`;
    const rest = await get(Q, 5, e2);
    expect(rest.map(text)).toEqual(["m3"]);
    expect(await get(Q, 5, e2)).toEqual([]);
    await run(runner, "ack", { tags: [rest[0].deliveryTag] }, e2);
    await runner.endExecution(e2);
    expect(await depth(Q)).toBe(0);
  });

  test("an un-acknowledged message is redelivered after endExecution; its old tag is refused in the next execution", async () => {
    await ch.sendToQueue(Q, Buffer.from("again"));
    const e = `exec-${randomUUID()}`;
    const [m] = await get(Q, 1, e);
    expect(m.redelivered).toBe(false);
    await runner.endExecution(e);
    await waitFor(async () => (await depth(Q)) === 1);
    const e2 = `exec-${randomUUID()}`;
    await expect(run(runner, "ack", { tags: [m.deliveryTag] }, e2)).rejects.toThrow(/unknown delivery tag/);
    const [again] = await get(Q, 1, e2);
    expect(text(again)).toBe("again");
    expect(again.redelivered).toBe(true);
    expect(again.deliveryTag).not.toBe(m.deliveryTag);
    await run(runner, "ack", { tags: [again.deliveryTag] }, e2);
    await runner.endExecution(e2);
    expect(await depth(Q)).toBe(0);
  });

  test("nack requeues by default; nack(requeue false) drops", async () => {
    await ch.sendToQueue(Q, Buffer.from("n"));
    const e = `exec-${randomUUID()}`;
    const [m] = await get(Q, 1, e);
    expect(await run(runner, "nack", { tags: [m.deliveryTag] }, e)).toBe("nacked");
    const [m2] = await get(Q, 1, e);
    expect(m2.redelivered).toBe(true);
    await run(runner, "nack", { tags: [m2.deliveryTag], requeue: false }, e);
    expect(await get(Q, 1, e)).toEqual([]);
    await runner.endExecution(e);
    expect(await depth(Q)).toBe(0);
  });

  test("max is 1 to 100; tags must be numbers", async () => {
    await expect(get(Q, 101, `exec-${randomUUID()}`)).rejects.toThrow(/max must be a whole number from 1 to 100/);
    await expect(run(runner, "ack", { tags: ["1"] })).rejects.toThrow(/deliveryTags must be a non-empty list/);
  });
});

describe("limits and connections", () => {
  test("messages past JUNCTION_FETCH_MAX_MB together wait for the next get; one larger alone is refused and stays queued", async () => {
    ch.sendToQueue(Q, Buffer.alloc(40 * 1024, 97));
    ch.sendToQueue(Q, Buffer.alloc(40 * 1024, 98));
    ch.sendToQueue(Q, Buffer.alloc(100 * 1024, 99));
    await waitFor(async () => (await depth(Q)) === 3);
    const e = `exec-${randomUUID()}`;
    const first = await get(Q, 10, e);
    expect(first.map((m) => m.content.byteLength)).toEqual([40 * 1024]);
    const second = await get(Q, 10, e);
    expect(second.map((m) => m.content[0])).toEqual([98]);
    await run(runner, "ack", { tags: [first[0].deliveryTag, second[0].deliveryTag] }, e);
    await expect(get(Q, 10, e)).rejects.toThrow(/larger than 0\.0625 MB \(JUNCTION_FETCH_MAX_MB\); it was returned to the queue/);
    await runner.endExecution(e);
    await waitFor(async () => (await depth(Q)) === 1);
    await ch.purgeQueue(Q);
  });

  test("one connection per execution and connection value, closed by end(); at most maxConnectionsPerExecution", async () => {
    const policy = { ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"], maxConnectionsPerExecution: 1 };
    const clients = new AmqpClients(policy, 30_000);
    const signal = new AbortController().signal;
    await clients.call({ executionId: "a", signal }, "publish", A, [{ routingKey: Q, content: "1" }]);
    await clients.call({ executionId: "a", signal }, "publish", A, [{ routingKey: Q, content: "2" }]);
    await clients.call({ executionId: "b", signal }, "get", A, [{ queue: Q, max: 2 }]);
    expect(clients.size()).toBe(2);
    await expect(
      clients.call({ executionId: "a", signal }, "publish", { host: "127.0.0.1" }, [{ routingKey: Q, content: "3" }]),
    ).rejects.toThrow(/at most 1 AMQP connections at once \(JUNCTION_SANDBOX_MAX_CONNECTIONS\)/);
    await clients.end("a");
    expect(clients.size()).toBe(1);
    // b's two un-acked messages go back to the queue when b ends
    await clients.end("b");
    expect(clients.size()).toBe(0);
    await waitFor(async () => (await depth(Q)) === 2);
    await ch.purgeQueue(Q);
    await clients.closeAll();
  });

  test("taken, unacknowledged messages keep the connection open past the idle time; once settled it closes as idle", async () => {
    const policy = { ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] };
    const clients = new AmqpClients(policy, 300);
    const signal = new AbortController().signal;
    await ch.sendToQueue(Q, Buffer.from("slow flow"));
    await waitFor(async () => (await depth(Q)) === 1);
    const [m] = (await clients.call({ executionId: "slow", signal }, "get", A, [{ queue: Q }])) as Got[];
    // several idle periods go by while the message is held
    await waitFor(() => clients.idleChecks() >= 3, { what: "three idle periods" });
    expect(clients.size()).toBe(1);
    await clients.call({ executionId: "slow", signal }, "ack", A, [[m.deliveryTag]]);
    await waitFor(async () => clients.size() === 0, { timeoutMs: 3000 });
    expect(await depth(Q)).toBe(0);
    // without taken messages the same idle time closes it
    await clients.call({ executionId: "idle", signal }, "publish", A, [{ routingKey: Q, content: "x" }]);
    await waitFor(async () => clients.size() === 0, { timeoutMs: 3000 });
    await ch.purgeQueue(Q);
    await clients.closeAll();
  });

  test("a wrong password is a clear error without the password", async () => {
    const secret = "n0t-the-Passw0rd";
    const err = await run(runner, "publish", { connection: { ...A, password: secret }, message: { routingKey: Q, content: "x" } }).catch(
      (e: Error) => e,
    );
    expect(String(err)).toMatch(/Cannot connect to AMQP at 127\.0\.0\.1:5672 \(virtual host "\/"\): .*ACCESS.REFUSED/);
    expect(String(err)).not.toContain(secret);
  });
});

describe("TLS (amqps)", () => {
  test("the certificate is checked against the host name, sent as SNI; not trusted without the CA", async () => {
    const proxy = await startTlsProxy(5672);
    const policy = { ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1", "localhost"] };
    const clients = new AmqpClients(policy, 30_000);
    const signal = new AbortController().signal;
    const publish = (executionId: string, tls: unknown) =>
      clients.call({ executionId, signal }, "publish", { ...A, host: "localhost", port: proxy.port, tls }, [
        { routingKey: Q, content: "over tls" },
      ]);
    try {
      expect(await publish("t1", { ca: proxy.cert })).toEqual({ published: true });
      expect(proxy.servernames.at(-1)).toBe("localhost");
      await expect(publish("t2", true)).rejects.toThrow(/Cannot connect to AMQP at localhost:\d+ .*self.signed/i);
      const m = await ch.get(Q, { noAck: true });
      expect(m && m.content.toString()).toBe("over tls");
    } finally {
      await clients.closeAll();
      await proxy.close();
    }
  });
});

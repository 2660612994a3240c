/**
 * The Redis connector installed from its folder and run in the real sandbox against the machine's
 * Redis: every action, the network policy, and keys cleaned up after.
 */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ComponentManifest } from "@/components-registry/contract";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { invocation } from "@/components-registry/test-support/invocation";

const P = `junction:redis-connector:${randomUUID().slice(0, 8)}:`;
const connection = { host: "127.0.0.1", port: 6379, username: "", password: "", database: 0, tls: "disable" };

let manifest: ComponentManifest;
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: Redis;

beforeAll(async () => {
  const prepared = await preparePackage({ path: dirname(fileURLToPath(import.meta.url)) });
  manifest = prepared.manifest;
  const loader = createMemoryBundleLoader([prepared]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  const keys = await admin.keys(`${P}*`);
  if (keys.length) await admin.del(...keys);
  admin.disconnect();
  await runner?.close();
  await strict?.close();
});

const run = async (action: string, inputs: Record<string, unknown>, r = runner) => {
  const inv = invocation("redis", action, { connection, ...inputs });
  inv.facts.executionId = `exec-${randomUUID()}`;
  try {
    return (await r.run(inv)).data as Record<string, unknown>;
  } finally {
    await r.endExecution(inv.facts.executionId);
  }
};

describe("redis connector", () => {
  test("the manifest declares the connection and every action uses it", () => {
    expect(manifest.key).toBe("redis");
    expect(Object.keys(manifest.actions).sort()).toEqual(["command", "delete", "get", "increment", "publish", "set"]);
    const fields = manifest.connections!.redis.fields;
    expect(fields.map((f) => f.key)).toEqual(["host", "port", "username", "password", "database", "tls", "caCertificate"]);
    expect(fields.find((f) => f.key === "password")!.type).toBe("password");
    for (const a of Object.values(manifest.actions))
      expect(a.inputs.find((i) => i.key === "connection")).toMatchObject({ connection: "redis" });
  });

  test("set and get: text, JSON for objects, a missing key is null", async () => {
    expect(await run("set", { key: `${P}a`, value: "héllo" })).toEqual({ key: `${P}a`, set: true });
    expect(await run("get", { key: `${P}a` })).toEqual({ key: `${P}a`, value: "héllo" });
    await run("set", { key: `${P}obj`, value: { id: 7, tags: ["x"] } });
    expect(await admin.get(`${P}obj`)).toBe('{"id":7,"tags":["x"]}');
    expect(await run("get", { key: `${P}missing` })).toEqual({ key: `${P}missing`, value: null });
  });

  test("set with an expiry and the NX / XX conditions", async () => {
    await run("set", { key: `${P}ttl`, value: "v", expirySeconds: 100 });
    const ttl = await admin.ttl(`${P}ttl`);
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await run("set", { key: `${P}ttl`, value: "other", condition: "ifNotExists" })).toMatchObject({ set: false });
    expect(await admin.get(`${P}ttl`)).toBe("v");
    expect(await run("set", { key: `${P}nx`, value: "first", condition: "ifNotExists" })).toMatchObject({ set: true });
    expect(await run("set", { key: `${P}absent`, value: "x", condition: "ifExists" })).toMatchObject({ set: false });
    expect(await admin.exists(`${P}absent`)).toBe(0);
    expect(await run("set", { key: `${P}nx`, value: "second", condition: "ifExists" })).toMatchObject({ set: true });
    expect(await admin.get(`${P}nx`)).toBe("second");
    await expect(run("set", { key: `${P}x`, value: "v", expirySeconds: 0 })).rejects.toThrow(/Expire after \(seconds\).*at least 1/);
  });

  test("increment by whole and decimal amounts", async () => {
    expect(await run("increment", { key: `${P}n` })).toEqual({ key: `${P}n`, value: 1 });
    expect(await run("increment", { key: `${P}n`, by: 41 })).toEqual({ key: `${P}n`, value: 42 });
    expect(await run("increment", { key: `${P}n`, by: -2 })).toEqual({ key: `${P}n`, value: 40 });
    expect(await run("increment", { key: `${P}n`, by: 0.5 })).toEqual({ key: `${P}n`, value: 40.5 });
    await run("set", { key: `${P}word`, value: "abc" });
    await expect(run("increment", { key: `${P}word` })).rejects.toThrow(/Redis error from INCRBY: ERR value is not an integer/);
  });

  test("delete one key or several; answers how many existed", async () => {
    await admin.set(`${P}d1`, "1");
    await admin.set(`${P}d2`, "2");
    expect(await run("delete", { keys: `${P}d1` })).toEqual({ deleted: 1 });
    expect(await run("delete", { keys: [`${P}d2`, `${P}never`] })).toEqual({ deleted: 1 });
    expect(await admin.exists(`${P}d1`, `${P}d2`)).toBe(0);
  });

  test("publish reaches a subscriber", async () => {
    const sub = admin.duplicate();
    const channel = `${P}chan`;
    const got = new Promise<string>((resolve) => sub.on("message", (_c: string, m: string) => resolve(m)));
    await sub.subscribe(channel);
    expect(await run("publish", { channel, message: { event: "order.created", id: 42 } })).toEqual({ channel, receivers: 1 });
    expect(JSON.parse(await got)).toEqual({ event: "order.created", id: 42 });
    sub.disconnect();
  });

  test("command runs any allowed command and refuses ones that would change the connection", async () => {
    expect(await run("command", { args: ["HSET", `${P}h`, "name", "Ada", "year", 1815] })).toEqual({ reply: 2 });
    expect(await run("command", { args: ["HGET", `${P}h`, "name"] })).toEqual({ reply: "Ada" });
    await expect(run("command", { args: ["SELECT", 3] })).rejects.toThrow(/SELECT is refused: set the connection's database field/);
    await expect(run("command", { args: "GET" })).rejects.toThrow(/Command.*expected a list/);
  });

  test("the connection's database is used", async () => {
    const inv = invocation("redis", "set", { connection: { ...connection, database: 2 }, key: `${P}db2`, value: "two" });
    inv.facts.executionId = `exec-${randomUUID()}`;
    await runner.run(inv);
    await runner.endExecution(inv.facts.executionId);
    expect(await admin.exists(`${P}db2`)).toBe(0);
    const two = admin.duplicate({ db: 2 });
    expect(await two.get(`${P}db2`)).toBe("two");
    await two.del(`${P}db2`);
    two.disconnect();
  });

  test("127.0.0.1 is refused unless allowed (JUNCTION_ALLOWED_HOSTS)", async () => {
    await expect(run("get", { key: `${P}a` }, strict)).rejects.toThrow(/Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOWED_HOSTS/);
  });
});

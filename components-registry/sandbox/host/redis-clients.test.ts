/**
 * context.redis through the real sandbox against the machine's Redis: the network policy, replies
 * as plain data, one connection per execution (seen by the server) closed at endExecution, the
 * reply and connection limits, refused commands, a blocked command stopped when the call ends.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import { preparePackage } from "../../packages/prepare-package";
import { invocation } from "../../test-support/invocation";
import { tempPackage } from "../../test-support/temp-package";
import { networkPolicyFromEnv } from "../limits";
import { createMemoryBundleLoader } from "../memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../sandbox-runner";
import { RedisClients } from "./redis-clients";
import { startTlsProxy } from "./redis-clients-tls-proxy";

const SOURCE = `
import { action, component, input } from "@junction/sdk";
export default component({
  key: "redisProbe",
  label: "Redis probe",
  description: "runs context.redis.command",
  actions: {
    command: action({
      label: "Command",
      inputs: {
        connection: input({ label: "Connection", type: "data", required: true }),
        args: input({ label: "Args", type: "data", required: true }),
      },
      perform: async (context, i) => ({ data: await context.redis.command(i.connection as any, i.args as any) }),
    }),
    many: action({
      label: "Many",
      inputs: {
        connection: input({ label: "Connection", type: "data", required: true }),
        commands: input({ label: "Commands", type: "data", required: true }),
      },
      perform: async (context, i) => {
        const out = [];
        for (const args of i.commands as any[]) out.push(await context.redis.command(i.connection as any, args));
        return { data: out };
      },
    }),
    bytes: action({
      label: "Bytes",
      inputs: { connection: input({ label: "Connection", type: "data", required: true }), key: input({ label: "Key", type: "string", required: true }) },
      perform: async (context, i) => ({
        data: await context.redis.command(i.connection as any, ["SET", i.key, new Uint8Array([104, 105, 0, 33])]),
      }),
    }),
  },
});
`;

const R = { host: "127.0.0.1", port: 6379 };
const P = `junction:redis-test:${randomUUID().slice(0, 8)}:`;

const pkg = tempPackage(SOURCE);
let runner: SandboxRunner;
let strict: SandboxRunner;
let admin: Redis;

beforeAll(async () => {
  const loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  runner = createSandboxRunner({
    loadBundle: loader,
    limits: { timeoutMs: 2000 },
    network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"], fetchMaxBytes: 64 * 1024, maxConnectionsPerExecution: 2 },
  });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  admin = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  const keys = await admin.keys(`${P}*`);
  if (keys.length) await admin.del(...keys);
  await admin.select(1);
  const keys1 = await admin.keys(`${P}*`);
  if (keys1.length) await admin.del(...keys1);
  admin.disconnect();
  await runner?.close();
  await strict?.close();
  pkg.remove();
});

const run = (r: SandboxRunner, action: string, inputs: Record<string, unknown>, executionId = `exec-${randomUUID()}`) => {
  const inv = invocation("redisProbe", action, inputs);
  inv.facts.executionId = executionId;
  return r.run(inv).then((res) => res.data);
};
const cmd = (args: unknown[], executionId?: string, connection: unknown = R) => run(runner, "command", { connection, args }, executionId);

const clientAlive = async (id: number) => ((await admin.call("CLIENT", "LIST", "ID", String(id))) as string).trim() !== "";

describe("network policy", () => {
  test("127.0.0.1 and names resolving to it are refused by default, naming the settings", async () => {
    expect(networkPolicyFromEnv({} as NodeJS.ProcessEnv).allowPrivateNetwork).toBe(false);
    await expect(run(strict, "command", { connection: R, args: ["PING"] })).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK.*JUNCTION_ALLOWED_HOSTS/,
    );
    await expect(run(strict, "command", { connection: { host: "localhost" }, args: ["PING"] })).rejects.toThrow(
      /Refused to connect to localhost/,
    );
  });

  test("accepted when 127.0.0.1 is allowed", async () => {
    expect(await cmd(["PING"])).toBe("PONG");
  });
});

describe("commands and replies", () => {
  test("text, numbers, nil, lists, HGETALL as Redis answers it, MULTI/EXEC with an error inside", async () => {
    const exec = `exec-${randomUUID()}`;
    const out = await run(
      runner,
      "many",
      {
        connection: R,
        commands: [
          ["SET", `${P}a`, "héllo", "EX", 60],
          ["GET", `${P}a`],
          ["GET", `${P}missing`],
          ["INCRBY", `${P}n`, 5],
          ["RPUSH", `${P}l`, "x", "y"],
          ["LRANGE", `${P}l`, 0, -1],
          ["HSET", `${P}h`, "f1", "v1", "f2", "2"],
          ["HGETALL", `${P}h`],
          ["MULTI"],
          ["INCR", `${P}n`],
          ["LPUSH", `${P}a`, "not a list"],
          ["EXEC"],
        ],
      },
      exec,
    );
    expect(out).toEqual([
      "OK",
      "héllo",
      null,
      5,
      2,
      ["x", "y"],
      2,
      ["f1", "v1", "f2", "2"],
      "OK",
      "QUEUED",
      "QUEUED",
      [6, { error: expect.stringMatching(/WRONGTYPE/) }],
    ]);
    await runner.endExecution(exec);
  });

  test("bytes (Uint8Array) as arguments arrive as the same bytes", async () => {
    expect(await run(runner, "bytes", { connection: R, key: `${P}bin` })).toBe("OK");
    expect(await admin.getBuffer(`${P}bin`)).toEqual(Buffer.from([104, 105, 0, 33]));
  });

  test("the connection's database is used", async () => {
    expect(await cmd(["SET", `${P}db1`, "one"], undefined, { ...R, database: 1 })).toBe("OK");
    expect(await admin.exists(`${P}db1`)).toBe(0);
    const other = admin.duplicate({ db: 1 });
    expect(await other.get(`${P}db1`)).toBe("one");
    other.disconnect();
  });

  test("server errors and bad arguments are clear; a wrong password never appears", async () => {
    await expect(cmd(["NOSUCHCOMMAND"])).rejects.toThrow(/Redis error from NOSUCHCOMMAND: ERR unknown command/);
    await expect(cmd([])).rejects.toThrow(/args must be a non-empty list/);
    await expect(cmd(["SET", `${P}x`, { a: 1 }])).rejects.toThrow(/args\[2\] must be text, a finite number or bytes/);
    await expect(cmd(["PING"], undefined, { ...R, port: 70000 })).rejects.toThrow(/port must be a whole number/);
    const secret = "s3cret-Pa55word";
    const err = await cmd(["PING"], undefined, { ...R, username: "nobody", password: secret }).catch((e: Error) => e);
    expect(String(err)).toMatch(/Cannot connect to Redis at 127\.0\.0\.1:6379: (WRONGPASS|ERR)/);
    expect(String(err)).not.toContain(secret);
  });
});

describe("refused commands", () => {
  test.each([
    [["SELECT", 2], /SELECT is refused: set the connection's database field/],
    [["SUBSCRIBE", "chan"], /SUBSCRIBE is refused: subscribing would hold the connection/],
    [["psubscribe", "c*"], /PSUBSCRIBE is refused/],
    [["MONITOR"], /MONITOR is refused/],
    [["QUIT"], /QUIT is refused/],
    [["AUTH", "x"], /AUTH is refused/],
    [["FLUSHALL"], /FLUSHALL is refused: it empties every database/],
    [["CONFIG", "GET", "*"], /CONFIG is refused: server administration/],
    [["SHUTDOWN"], /SHUTDOWN is refused/],
    [["DEBUG", "SLEEP", 1], /DEBUG is refused/],
    [["CLIENT", "KILL", "ID", 1], /CLIENT KILL is refused: only CLIENT ID, CLIENT GETNAME/],
    [["BLPOP", `${P}q`, 0], /BLPOP with timeout 0 would wait forever/],
    [["XREAD", "BLOCK", 0, "STREAMS", `${P}s`, "$"], /XREAD with timeout 0 would wait forever: give a timeout \(in milliseconds\)/],
  ])("%j", async (args, message) => {
    await expect(cmd(args)).rejects.toThrow(message);
  });

  test("CLIENT ID and a blocking command with a timeout are allowed", async () => {
    expect(await cmd(["CLIENT", "ID"])).toEqual(expect.any(Number));
    expect(await cmd(["BLPOP", `${P}empty`, "0.2"])).toBeNull();
  });
});

describe("connections per execution", () => {
  test("an execution's steps share one connection; another execution has its own; endExecution closes them", async () => {
    const a = `exec-${randomUUID()}`;
    const b = `exec-${randomUUID()}`;
    const a1 = (await cmd(["CLIENT", "ID"], a)) as number;
    const a2 = (await cmd(["CLIENT", "ID"], a)) as number;
    const b1 = (await cmd(["CLIENT", "ID"], b)) as number;
    expect(a2).toBe(a1);
    expect(b1).not.toBe(a1);
    expect(await clientAlive(a1)).toBe(true);
    await runner.endExecution(a);
    await waitFor(async () => !(await clientAlive(a1)));
    expect(await clientAlive(b1)).toBe(true);
    await runner.endExecution(b);
    await waitFor(async () => !(await clientAlive(b1)));
  });

  test("at most maxConnectionsPerExecution connection values per execution (JUNCTION_SANDBOX_MAX_CONNECTIONS)", async () => {
    const e = `exec-${randomUUID()}`;
    await cmd(["PING"], e, { ...R, database: 0 });
    await cmd(["PING"], e, { ...R, database: 1 });
    await expect(cmd(["PING"], e, { ...R, database: 2 })).rejects.toThrow(
      /at most 2 Redis connections at once \(JUNCTION_SANDBOX_MAX_CONNECTIONS\)/,
    );
    await runner.endExecution(e);
  });

  test("a connection whose server closed it is replaced on the next command", async () => {
    const e = `exec-${randomUUID()}`;
    const id = (await cmd(["CLIENT", "ID"], e)) as number;
    await admin.call("CLIENT", "KILL", "ID", String(id));
    await waitFor(async () => !(await clientAlive(id)));
    // the first command may see the closed connection; the one after it has a new one
    await cmd(["PING"], e).catch(() => undefined);
    const again = (await cmd(["CLIENT", "ID"], e)) as number;
    expect(again).not.toBe(id);
    await runner.endExecution(e);
  });

  test("RedisClients directly: size() counts open connections and end() closes them", async () => {
    const clients = new RedisClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
    const signal = new AbortController().signal;
    await clients.call({ executionId: "x", signal }, "command", R, [["PING"]]);
    await clients.call({ executionId: "x", signal }, "command", R, [["PING"]]);
    expect(clients.size()).toBe(1);
    await clients.end("x");
    expect(clients.size()).toBe(0);
    await expect(clients.call({ executionId: "x", signal }, "get", R, [])).rejects.toThrow(/Unknown Redis operation "get"/);
    await clients.closeAll();
  });
});

describe("limits", () => {
  test("a reply larger than JUNCTION_FETCH_MAX_MB is refused and the connection closed; smaller ones pass", async () => {
    await admin.set(`${P}big`, "x".repeat(100 * 1024));
    await admin.set(`${P}small`, "x".repeat(32 * 1024));
    const e = `exec-${randomUUID()}`;
    const id = (await cmd(["CLIENT", "ID"], e)) as number;
    expect(((await cmd(["GET", `${P}small`], e)) as string).length).toBe(32 * 1024);
    await expect(cmd(["GET", `${P}big`], e)).rejects.toThrow(/larger than 0\.0625 MB \(JUNCTION_FETCH_MAX_MB\)/);
    await waitFor(async () => !(await clientAlive(id)));
    expect(await cmd(["GETRANGE", `${P}big`, 0, 9], e)).toBe("xxxxxxxxxx");
    await runner.endExecution(e);
  });

  test("a command still blocked when the action times out is stopped: its connection is closed", async () => {
    const e = `exec-${randomUUID()}`;
    const id = (await cmd(["CLIENT", "ID"], e)) as number;
    const started = Date.now();
    await expect(cmd(["BLPOP", `${P}never`, 30], e)).rejects.toThrow(/time|limit/i);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => !(await clientAlive(id)));
    await runner.endExecution(e);
  });
});

describe("TLS", () => {
  test("the certificate is checked against the host name the connection gives, sent as SNI; an address does not match it", async () => {
    const proxy = await startTlsProxy(6379);
    const tlsRunner = createSandboxRunner({
      loadBundle: createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]),
      network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1", "localhost"] },
    });
    const go = (connection: unknown) => run(tlsRunner, "command", { connection, args: ["PING"] });
    try {
      expect(await go({ host: "localhost", port: proxy.port, tls: { ca: proxy.cert } })).toBe("PONG");
      expect(proxy.servernames.at(-1)).toBe("localhost");
      // not trusted without the CA
      await expect(go({ host: "localhost", port: proxy.port, tls: true })).rejects.toThrow(
        /Cannot connect to Redis at localhost:\d+: .*self.signed/i,
      );
      // the certificate names localhost, not 127.0.0.1
      await expect(go({ host: "127.0.0.1", port: proxy.port, tls: { ca: proxy.cert } })).rejects.toThrow(/127\.0\.0\.1.*(cert|altnames)/i);
      expect(await go({ host: "127.0.0.1", port: proxy.port, tls: { rejectUnauthorized: false } })).toBe("PONG");
    } finally {
      await tlsRunner.close();
      await proxy.close();
    }
  });
});

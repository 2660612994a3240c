/**
 * Hostile tenants, sign-in and roles, tried from outside against a server of its own (the shared
 * e2e server runs with JUNCTION_AUTH_RATE_LIMIT=off and an administrator already made): a fresh
 * database, rate limits on, and 127.0.0.2 named as the only trusted proxy — so the same machine
 * can call as a client (from 127.0.0.1) and as that proxy (from 127.0.0.2).
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const PROXY = "127.0.0.2";
let server: ChildProcess;
let port = 0;
let serverLog = "";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON (or the text), read field by field in each test
  body: any;
}

/** one HTTP request from `from` (a loopback address), as any client would send it */
function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        localAddress: options.from ?? "127.0.0.1",
        headers: {
          ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const signIn = (email: string, password: string, from = "127.0.0.1", forwardedFor?: string) =>
  call("POST", "/api/auth/sign-in/email", {
    body: { email, password },
    from,
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  });

async function sessionOf(email: string, password: string): Promise<Record<string, string>> {
  const res = await signIn(email, password);
  expect(res.status, `sign in as ${email}: ${JSON.stringify(res.body)}`).toBe(200);
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return { cookie: cookies.map((c) => c.split(";")[0]).join("; ") };
}

const mutation = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  call("POST", `/api/trpc/${path}`, { body: input, headers });
const query = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  call("GET", `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

async function ok<T>(answer: Promise<Answer>): Promise<T> {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.result.data as T;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    JUNCTION_TRUSTED_PROXIES: PROXY,
    JUNCTION_ALLOW_PRIVATE_NETWORK: "true",
  };
  // limits on, and no administrator from the environment: the first-admin setup is open
  for (const name of ["JUNCTION_AUTH_RATE_LIMIT", "JUNCTION_ADMIN_EMAIL", "JUNCTION_ADMIN_PASSWORD", "JUNCTION_MAX_REQUEST_MB"])
    delete env[name];
  server = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", "e2e/support/serve-e2e.ts"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (c: Buffer) => (serverLog += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (serverLog += c.toString()));
  const deadline = Date.now() + 230_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server stopped (${server.exitCode}):\n${serverLog}`);
    const up = await call("GET", "/api/health").then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (!server?.pid) return;
  const stopped = new Promise((r) => server.once("exit", r));
  process.kill(-server.pid, "SIGTERM"); // its own process group: the server and nothing else
  await Promise.race([stopped, new Promise((r) => setTimeout(r, 20_000))]);
});

const ADMIN = { email: "first@hostile.test", password: "first-admin-pass" };

test("the first-admin setup, tried by 10 visitors at once, makes exactly one administrator and then stays closed", async () => {
  const tries = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      mutation("session.createFirstAdmin", {
        name: `Visitor ${i}`,
        email: i === 0 ? ADMIN.email : `visitor${i}@hostile.test`,
        password: i === 0 ? ADMIN.password : "visitor-pass",
      }),
    ),
  );
  const statuses = tries.map((r) => r.status);
  expect(
    statuses.filter((s) => s === 200),
    JSON.stringify(tries.map((r) => r.body)),
  ).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  expect(await ok(query("session.setupStatus", null))).toEqual({ needsFirstAdmin: false });
  const late = await mutation("session.createFirstAdmin", { name: "Late", email: "late@hostile.test", password: "late-pass-1" });
  expect([late.status, late.body.error?.message]).toEqual([409, expect.stringMatching(/an administrator already exists/)]);

  // whoever won is the one administrator; make it the one this file signs in as
  const winner = tries.findIndex((r) => r.status === 200);
  const email = winner === 0 ? ADMIN.email : `visitor${winner}@hostile.test`;
  const password = winner === 0 ? ADMIN.password : "visitor-pass";
  Object.assign(ADMIN, { email, password });
  const me = await ok<{ role: string }>(query("session.me", null, await sessionOf(email, password)));
  expect(me.role).toBe("admin");
});

test("40 wrong passwords for one account, each with another X-Forwarded-For: 429 with Retry-After after 10, even for the right password", async () => {
  const admin = await sessionOf(ADMIN.email, ADMIN.password);
  await ok(
    mutation("users.create", { name: "Victim", email: "victim@hostile.test", password: "victim-right-pass", role: "builder" }, admin),
  );
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++)
    statuses.push((await signIn("victim@hostile.test", `guess-${i}-guess`, "127.0.0.1", `203.0.113.${i}`)).status);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses.slice(10)).toEqual(Array(30).fill(429));
  const locked = await signIn("victim@hostile.test", "victim-right-pass", "127.0.0.1", "203.0.113.250");
  expect(locked.status).toBe(429);
  expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  expect(locked.body.message).toMatch(/too many failed sign-ins/);
});

test("one client guessing across many accounts is limited by its address: behind the trusted proxy, X-Forwarded-For names it; from anywhere else it is ignored", async () => {
  const admin = await sessionOf(ADMIN.email, ADMIN.password);
  await ok(mutation("users.create", { name: "Honest", email: "honest@hostile.test", password: "honest-pass-1", role: "builder" }, admin));
  const statuses: number[] = [];
  for (let i = 0; i < 55; i++)
    statuses.push((await signIn(`nobody${i}@hostile.test`, "guess-guess", PROXY, `198.51.100.7, ${PROXY}`)).status);
  const first = statuses.indexOf(429);
  expect(first, statuses.join(" ")).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(50);
  expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  const limited = await signIn("honest@hostile.test", "honest-pass-1", PROXY, "198.51.100.7");
  expect(limited.status).toBe(429);
  // another client behind the same proxy is not
  expect((await signIn("honest@hostile.test", "honest-pass-1", PROXY, "198.51.100.8")).status).toBe(200);
  // a client that is not the proxy cannot borrow (or blame) an address by sending the header
  expect((await signIn("honest@hostile.test", "honest-pass-1", "127.0.0.1", "198.51.100.7")).status).toBe(200);
});

test("a token made with a short-lived token cannot outlive it", async () => {
  const admin = await sessionOf(ADMIN.email, ADMIN.password);
  await ok(mutation("users.create", { name: "Minter", email: "minter@hostile.test", password: "minter-pass-1", role: "builder" }, admin));
  const session = await sessionOf("minter@hostile.test", "minter-pass-1");
  const short = await ok<{ token: string; expiresAt: string }>(mutation("tokens.create", { name: "short", expiresInDays: 1 }, session));
  const bearer = { authorization: `Bearer ${short.token}` };
  const longer = await mutation("tokens.create", { name: "longer", expiresInDays: 30 }, bearer);
  expect([longer.status, longer.body.error?.message]).toEqual([400, expect.stringMatching(/cannot outlive it/)]);
  const forever = await ok<{ expiresAt: string }>(mutation("tokens.create", { name: "forever" }, bearer));
  expect(forever.expiresAt).toBe(short.expiresAt);
});

test("support users cannot create customer users, deploy, change, rotate or delete instances (403 FORBIDDEN)", async () => {
  const admin = await sessionOf(ADMIN.email, ADMIN.password);
  const yaml = `definitionVersion: 1\nname: Support ${Date.now()}\nflows:\n  - name: Main\n    trigger: { type: webhook }\n    steps: []\n`;
  const { id: integrationId } = await ok<{ id: string }>(mutation("integrations.import", { yaml }, admin));
  await ok(mutation("integrations.publish", { id: integrationId, note: "first" }, admin));
  const customer = await ok<{ id: string }>(mutation("customers.create", { name: `Support customer ${Date.now()}` }, admin));
  const instance = await ok<{ id: string }>(
    mutation("instances.create", { integrationId, customerId: customer.id, configValues: {} }, admin),
  );
  await ok(mutation("users.create", { name: "Sam", email: "support@hostile.test", password: "support-pass-1", role: "support" }, admin));
  const support = await sessionOf("support@hostile.test", "support-pass-1");

  const refused = async (path: string, input: unknown) => {
    const res = await mutation(path, input, support);
    return `${path}: ${res.status} ${res.body.error?.data?.code}`;
  };
  expect([
    await refused("customers.createUser", { customerId: customer.id, name: "C", email: "c@hostile.test", password: "cust-pass-1" }),
    await refused("instances.create", { integrationId, customerId: customer.id, configValues: {} }),
    await refused("instances.update", { id: instance.id, enabled: false }),
    await refused("instances.rotateEndpointSecrets", { id: instance.id }),
    await refused("instances.delete", { id: instance.id }),
  ]).toEqual([
    "customers.createUser: 403 FORBIDDEN",
    "instances.create: 403 FORBIDDEN",
    "instances.update: 403 FORBIDDEN",
    "instances.rotateEndpointSecrets: 403 FORBIDDEN",
    "instances.delete: 403 FORBIDDEN",
  ]);
  // still looks: and the instance is as it was
  expect(await ok(query("instances.get", { id: instance.id }, support))).toMatchObject({ id: instance.id, enabled: true });
});

test("a 60 MB POST to an unauthenticated procedure is refused (413) before anything reads it, and the server goes on answering", async () => {
  const chunk = Buffer.alloc(1024 * 1024, 32);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/trpc/session.createFirstAdmin",
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(60 * chunk.length) },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    // the server closes the connection after answering: writes after that fail, the answer stands
    req.on("error", reject);
    // the whole 60 MB, as an attacker would; the server answers without waiting for it
    let sent = 0;
    const more = () => {
      while (sent < 60) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", more);
      }
      req.end();
    };
    more();
  });
  expect(status).toBe(413);
  // a body without a length cannot be refused before it is read: it must carry one
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/trpc/session.createFirstAdmin",
        method: "POST",
        headers: { "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on("error", reject);
    req.write("{");
    req.end("}");
  });
  expect(chunked).toBe(411);
  expect((await call("GET", "/api/health")).status).toBe(200);
  expect(await ok(query("session.setupStatus", null))).toEqual({ needsFirstAdmin: false });
});

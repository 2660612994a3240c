/**
 * Hostile tenants, sign-in and roles: guessing passwords is limited per account and per client
 * address (an address a client cannot choose), a token cannot outlive the token that made it,
 * the first-admin setup happens once, and support users look but do not change.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { getAuth } from "@/app/_server/auth/auth";
import { admitAppRequest } from "@/server/http/app-request-guard";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxies } from "@/server/http/client-address";
import { appRouter } from "@/app/_server/routers";
import { createFirstAdmin } from "@/app/_server/services/users/create-first-admin";
import { createUser } from "@/app/_server/services/users/create-user";
import { createCallerFactory, createContext } from "@/app/_server/trpc";
import { provideTestServices } from "../fixtures/services";
import { createTestDatabase, type TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t);
  delete process.env.JUNCTION_AUTH_RATE_LIMIT;
});
afterAll(async () => {
  await t.drop();
});

const callerFor = async (headers: Record<string, string>) =>
  createCallerFactory(appRouter)(await createContext({ headers: new Headers(headers) }));
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: TRPCError) => e.code,
  );

/** a password sign-in as the web server hands it to the app: the client address is the one it derived */
const signInAttempt = (email: string, password: string, address: string, forwardedFor?: string) =>
  authPost(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "http://localhost:3000",
        [CLIENT_ADDRESS_HEADER]: address,
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: JSON.stringify({ email, password }),
    }),
  );

async function cookieOf(email: string, password: string): Promise<string> {
  const res = await getAuth(t.db).api.signInEmail({ body: { email, password }, asResponse: true });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

test("the first-admin setup, tried by 10 visitors at once, makes exactly one administrator", async () => {
  const outcomes = await Promise.allSettled(
    Array.from({ length: 10 }, (_, i) =>
      createFirstAdmin(t.db, { email: `admin${i}@example.com`, name: `A${i}`, password: "admin-pass-1" }),
    ),
  );
  expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual(
    Array(9).fill(expect.stringMatching(/an administrator (already exists|is being created right now)/)),
  );
  const admins = await t.pool.query("select count(*)::int as n from users where role = 'admin'");
  expect(admins.rows[0].n).toBe(1);
  expect(await (await callerFor({})).session.setupStatus()).toEqual({ needsFirstAdmin: false });
});

describe("password guessing", () => {
  test("40 wrong passwords for one account, each with another X-Forwarded-For: 429 (with Retry-After) after 10, even for the right password", async () => {
    await createUser(t.db, { email: "victim@example.com", name: "Victim", password: "right-password", role: "builder" });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      // each from another socket address too: the account's own limit holds whatever the address
      statuses.push((await signInAttempt("Victim@Example.com", `guess-${i}-xx`, `198.51.100.${i}`, `203.0.113.${i}`)).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(30).fill(429));
    const locked = await signInAttempt("victim@example.com", "right-password", "198.51.100.200");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as { message: string }).message).toMatch(/too many failed sign-ins/);
  });

  test("one address guessing across many accounts is limited too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await signInAttempt(`nobody${i}@example.com`, "guess-guess", "192.0.2.7")).status);
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(50);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
    // another address is not affected
    await createUser(t.db, { email: "ok@example.com", name: "Ok", password: "ok-password", role: "builder" });
    expect((await signInAttempt("ok@example.com", "ok-password", "192.0.2.8")).status).toBe(200);
  });

  test("the client address is the socket's; X-Forwarded-For counts only through proxies named in JUNCTION_TRUSTED_PROXIES", () => {
    const req = (remote: string, xff?: string) =>
      ({ socket: { remoteAddress: remote }, headers: xff ? { "x-forwarded-for": xff } : {} }) as never;
    const none = trustedProxies("");
    expect(clientAddress(req("::ffff:198.51.100.9", "1.2.3.4"), none)).toBe("198.51.100.9");
    const proxies = trustedProxies("10.0.0.0/8, 127.0.0.1");
    expect(clientAddress(req("10.1.2.3", "1.2.3.4, 203.0.113.5, 10.9.9.9"), proxies)).toBe("203.0.113.5");
    expect(clientAddress(req("127.0.0.1", "1.2.3.4"), proxies)).toBe("1.2.3.4");
    expect(clientAddress(req("198.51.100.9", "1.2.3.4"), proxies)).toBe("198.51.100.9");
    expect(() => trustedProxies("10.0.0.0/8, proxy.local")).toThrow(/"proxy.local" is not an IP address or CIDR range/);
  });
});

test("a token made with a short-lived token cannot outlive it", async () => {
  await createUser(t.db, { email: "tok@example.com", name: "Tok", password: "tok-password", role: "builder" });
  const session = await callerFor({ cookie: await cookieOf("tok@example.com", "tok-password") });
  const short = await session.tokens.create({ name: "short", expiresInDays: 1 });
  const viaToken = await callerFor({ authorization: `Bearer ${short.token}` });
  await expect(viaToken.tokens.create({ name: "forever" })).resolves.toMatchObject({ expiresAt: short.expiresAt });
  await expect(viaToken.tokens.create({ name: "longer", expiresInDays: 30 })).rejects.toThrow(/cannot outlive it/);
  // signed in with a session, a user chooses freely
  await expect(session.tokens.create({ name: "long", expiresInDays: 30 })).resolves.toBeTruthy();
});

test("support users cannot create customer users, deploy, change, rotate or delete instances", async () => {
  const { instance, customerId, integrationId } = await deploy(
    t.db,
    `definitionVersion: 1\nname: Support ${Math.random()}\nflows:\n  - name: Main\n    trigger: { type: webhook }\n    steps: []\n`,
  );
  await createUser(t.db, { email: "support@example.com", name: "Sam", password: "support-pass", role: "support" });
  const support = await callerFor({ cookie: await cookieOf("support@example.com", "support-pass") });
  expect(await codeOf(support.customers.createUser({ customerId, name: "C", email: "c2@example.com", password: "cust-pass-1" }))).toBe(
    "FORBIDDEN",
  );
  expect(await codeOf(support.instances.create({ integrationId, customerId, configValues: {} }))).toBe("FORBIDDEN");
  expect(await codeOf(support.instances.update({ id: instance.id, enabled: false }))).toBe("FORBIDDEN");
  expect(await codeOf(support.instances.rotateEndpointSecrets({ id: instance.id }))).toBe("FORBIDDEN");
  expect(await codeOf(support.instances.delete({ id: instance.id }))).toBe("FORBIDDEN");
  // and still sees them
  expect(await codeOf(support.instances.get({ id: instance.id }))).toBe("OK");
});

test("a 60 MB POST to an app route is refused (413) before anything reads it, and the server goes on answering", async () => {
  const server = http.createServer((req, res) => {
    if (!admitAppRequest(req, res, (req.url ?? "/").split("?")[0]!, "'self'")) return;
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/trpc/session.createFirstAdmin",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(60 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", reject);
      req.write(Buffer.alloc(64 * 1024, 32)); // the rest never needs to be sent
    });
    expect(status).toBe(413);
    const chunked = await fetch(`http://127.0.0.1:${port}/api/trpc/x`, {
      method: "POST",
      body: new Blob(["{}"]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const ok = await fetch(`http://127.0.0.1:${port}/api/trpc/x`, { method: "POST", body: "{}" });
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
    const page = await fetch(`http://127.0.0.1:${port}/instances`);
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'self'");
  } finally {
    server.close();
  }
});

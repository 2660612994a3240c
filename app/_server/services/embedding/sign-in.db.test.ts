/**
 * Signed-JWT sign-in, attacked: expired, unknown kid, replayed jti, a customer the organization
 * has not allowed, algorithm confusion, an over-long lifetime, a revoked key — each refused with a
 * reason; and what a signed-in customer user can reach afterwards.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { customers, embeddedSessions, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { provideTestServices } from "@/test/fixtures/services";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory, createContext } from "@/app/_server/trpc";
import { POST, OPTIONS } from "@/app/api/embedded/session/route";
import { addSigningKey, revokeSigningKey } from "./signing-keys";
import { updateEmbeddingSettings } from "./settings";

const yaml = `definitionVersion: 1
name: Embedded Scope
configPages:
  - name: Main
    elements:
      - configVar: { key: greeting, label: Greeting, type: string, required: true }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

let t: TestDatabase;
let hsSecret: string;
let rsa: { privateKey: CryptoKey; publicKey: CryptoKey };
let jwksRsa: { privateKey: CryptoKey; publicKey: CryptoKey };
let jwks: http.Server;
let mine: Awaited<ReturnType<typeof deploy>>;
let theirs: Awaited<ReturnType<typeof deploy>>;
let hsKeyId: string;

const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  sub: "u-1",
  customer: "acme",
  name: "Ann Customer",
  email: "ann@acme.test",
  role: "admin",
  jti: randomUUID(),
  iat: now(),
  exp: now() + 300,
  ...over,
});
async function sign(
  payload: Record<string, unknown>,
  kid = "hs-1",
  alg = "HS256",
  key: CryptoKey | Uint8Array = new TextEncoder().encode(hsSecret),
) {
  return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(key);
}
const signInRequest = (token: unknown, origin?: string) =>
  new Request("http://junction.test/api/embedded/session", {
    method: "POST",
    headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
    body: JSON.stringify({ token }),
  });
async function signIn(token: string, origin?: string) {
  const res = await POST(signInRequest(token, origin));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}
const callerWith = async (sessionToken: string) =>
  createCallerFactory(appRouter)(await createContext({ headers: new Headers({ authorization: `Bearer ${sessionToken}` }) }));

beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t);
  mine = await deploy(t.db, yaml, { greeting: "hi" }, "Acme");
  await t.db.update(customers).set({ externalId: "acme" }).where(eq(customers.id, mine.customerId));
  theirs = await deploy(t.db, yaml.replace("Embedded Scope", "Other Scope"), { greeting: "yo" }, "Globex");
  await t.db.update(customers).set({ externalId: "globex" }).where(eq(customers.id, theirs.customerId));

  const hs = await addSigningKey(t.db, { name: "backend", kid: "hs-1", algorithm: "HS256" });
  hsSecret = hs.secret!;
  hsKeyId = hs.id;
  rsa = await generateKeyPair("RS256");
  await addSigningKey(t.db, { name: "rsa", kid: "rs-1", algorithm: "RS256", publicKey: await exportSPKI(rsa.publicKey) });
  jwksRsa = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(jwksRsa.publicKey)), kid: "jwks-1", alg: "RS256", use: "sig" };
  jwks = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  await addSigningKey(t.db, {
    kid: "jwks-1",
    algorithm: "RS256",
    jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
  });
});
afterAll(async () => {
  jwks?.close();
  await t.drop();
});

describe("a good token", () => {
  test("HS256 opens an embedded session for the customer user, created on first sight without a password", async () => {
    const { status, body } = await signIn(await sign(claims()));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      sessionToken: expect.stringMatching(/^jes_/),
      user: { name: "Ann Customer", email: "ann@acme.test", role: "customer" },
      customer: { id: mine.customerId, externalId: "acme" },
    });
    const me = await (await callerWith(body.sessionToken as string)).session.me();
    expect(me).toMatchObject({ role: "customer", customerId: mine.customerId, via: "embedded", email: "ann@acme.test" });
    const [row] = await t.db.select().from(users).where(eq(users.externalId, "u-1"));
    expect(row!.email).toMatch(/@embedded\.invalid$/);
    const [session] = await t.db.select().from(embeddedSessions).where(eq(embeddedSessions.userId, row!.id));
    expect(session!.tokenHash).not.toContain(body.sessionToken as string);
  });

  test("RS256 with a PEM key and with a JWKS URL; the same sub signs in as the same user, its name and role follow the token", async () => {
    const a = await signIn(await sign(claims({ name: "Ann C." }), "rs-1", "RS256", rsa.privateKey));
    expect(a.status).toBe(200);
    const b = await signIn(await sign(claims({ role: "read-only" }), "jwks-1", "RS256", jwksRsa.privateKey));
    expect(b.status).toBe(200);
    expect((a.body.user as { id: string }).id).toBe((b.body.user as { id: string }).id);
    expect(b.body.user).toMatchObject({ role: "customer_viewer", name: "Ann Customer" });
  });
});

describe("refused tokens say why", () => {
  test.each([
    ["expired", async () => sign(claims({ iat: now() - 600, exp: now() - 120 })), "token_expired", /expired/],
    ["unknown kid", async () => sign(claims(), "nobody"), "unknown_kid", /no live signing key has kid "nobody"/],
    [
      "no kid",
      async () => new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(hsSecret)),
      "missing_kid",
      /no kid/,
    ],
    [
      "bad signature",
      async () => sign(claims(), "hs-1", "HS256", new TextEncoder().encode("x".repeat(40))),
      "bad_signature",
      /does not verify/,
    ],
    ["lives past 10 minutes", async () => sign(claims({ exp: now() + 3600 })), "invalid_claims", /at most 600 s/],
    ["no jti", async () => sign({ ...claims(), jti: undefined }), "invalid_claims", /jti/],
    ["not yet valid", async () => sign(claims({ nbf: now() + 600 })), "token_not_yet_valid", /not valid yet/],
    ["an unknown role", async () => sign(claims({ role: "owner" })), "invalid_claims", /role must be/],
    ["not a JWT", async () => "hello", "malformed_token", /not a JWT/],
  ])("%s", async (_name, make, code, message) => {
    const { status, body } = await signIn(await make());
    expect(status).toBe(401);
    expect(body.error).toBe(code);
    expect(body.message).toMatch(message);
  });

  test("HS256 signed with the RS256 key's public PEM (algorithm confusion) is refused: the key's algorithm is pinned", async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const { status, body } = await signIn(await sign(claims(), "rs-1", "HS256", new TextEncoder().encode(pem)));
    expect(status).toBe(401);
    expect(body.error).toBe("bad_algorithm");
  });

  test("a replayed jti signs in once", async () => {
    const token = await sign(claims());
    expect((await signIn(token)).status).toBe(200);
    const again = await signIn(token);
    expect(again).toMatchObject({ status: 401, body: { error: "token_replayed" } });
  });

  test("a customer the organization has not allowed (no such external id) is refused unless auto-create is on", async () => {
    const refused = await signIn(await sign(claims({ customer: "initech", customer_name: "Initech" })));
    expect(refused).toMatchObject({ status: 401, body: { error: "unknown_customer" } });
    expect(refused.body.message).toMatch(/no customer has external id "initech"/);
    await updateEmbeddingSettings(t.db, { autoCreateCustomers: true }, (await t.db.select().from(users).limit(1))[0]!.id);
    const created = await signIn(await sign(claims({ customer: "initech", customer_name: "Initech" })));
    expect(created.status).toBe(200);
    expect(created.body.customer).toMatchObject({ name: "Initech", externalId: "initech" });
    await updateEmbeddingSettings(t.db, { autoCreateCustomers: false }, (created.body.user as { id: string }).id);
  });

  test("a revoked key signs nobody in", async () => {
    const other = await addSigningKey(t.db, { kid: "hs-old", algorithm: "HS256" });
    await revokeSigningKey(t.db, other.id);
    const res = await signIn(await sign(claims(), "hs-old", "HS256", new TextEncoder().encode(other.secret!)));
    expect(res).toMatchObject({ status: 401, body: { error: "unknown_kid" } });
    expect(hsKeyId).toBeTruthy();
  });
});

describe("browsers: CORS for allowed origins only", () => {
  test("an allowed origin gets CORS; another is refused before the token is looked at", async () => {
    const [admin] = await t.db.select().from(users).limit(1);
    await updateEmbeddingSettings(t.db, { allowedOrigins: ["https://app.acme-saas.test"] }, admin!.id);
    const ok = await signIn(await sign(claims()), "https://app.acme-saas.test");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.acme-saas.test");
    const token = await sign(claims());
    const evil = await signIn(token, "https://evil.test");
    expect(evil).toMatchObject({ status: 403, body: { error: "origin_not_allowed" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect((await signIn(token)).status).toBe(200); // not spent by the refused call
    expect(
      (
        await OPTIONS(
          new Request("http://junction.test/api/embedded/session", { method: "OPTIONS", headers: { origin: "https://evil.test" } }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("what a JWT-signed customer user reaches", () => {
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    admin = (await signIn(await sign(claims({ sub: "boss" })))).body.sessionToken as string;
    viewer = (await signIn(await sign(claims({ sub: "intern", role: "read-only" })))).body.sessionToken as string;
  });

  test("its own customer's instances only; another customer's anything is FORBIDDEN", async () => {
    for (const token of [admin, viewer]) {
      const me = await callerWith(token);
      expect((await me.instances.list()).map((i) => i.id)).toEqual([mine.instance.id]);
      await expect(me.instances.get({ id: theirs.instance.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.customers.get({ id: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.instances.persistedData({ id: theirs.instance.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.instances.list({ customerId: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      // runs are listed within its own customer whatever the filter says
      expect((await me.executions.list({ instanceId: theirs.instance.id } as never)).items).toEqual([]);
      await expect(me.components.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.embedding.settings.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.embedding.keys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(me.tokens.create({ name: "escape" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  test("read-only cannot change or create instances; the customer admin can change its own", async () => {
    const ro = await callerWith(viewer);
    await expect(ro.instances.update({ id: mine.instance.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      ro.instances.create({ integrationId: mine.integrationId, customerId: mine.customerId, configValues: { greeting: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rw = await callerWith(admin);
    await expect(rw.instances.update({ id: theirs.instance.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await rw.instances.update({ id: mine.instance.id, name: "Renamed by the customer" })).toBeTruthy();
  });

  test("a token naming an organization user's e-mail still signs in as a new customer user, never as that user", async () => {
    const [orgUser] = await t.db
      .insert(users)
      .values({ id: randomUUID(), email: "owner@org.test", name: "Owner", role: "admin" })
      .returning();
    const res = await signIn(await sign(claims({ sub: orgUser!.id, email: "owner@org.test" })));
    expect(res.status).toBe(200);
    expect((res.body.user as { id: string; role: string }).id).not.toBe(orgUser!.id);
    const me = await (await callerWith(res.body.sessionToken as string)).session.me();
    expect(me).toMatchObject({ role: "customer", customerId: mine.customerId });
  });

  test("an expired or revoked embedded session is a 401 that says to sign in again", async () => {
    await t.db.update(embeddedSessions).set({ expiresAt: new Date(Date.now() - 1000) });
    await expect((await callerWith(admin)).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: /sign in again/ });
  });
});

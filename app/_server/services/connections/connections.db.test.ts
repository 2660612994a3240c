/**
 * OAuth 2.0 authorization-code connections against a real provider (oidc-provider): connect,
 * deploy, run; a token that expires during a run is refreshed once, shared by concurrent runs; a
 * revoked refresh token marks the connection and raises the alert; and the attacks — a replayed
 * or unknown state, another customer's connection, a token in an answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { alertEvents, alertMonitors, oauth2Connections, users } from "@/db/schema";
import { publicUrl } from "@/runtime/config/public-url";
import { decryptJson } from "@/runtime/security/secret-box";
import type { TokenSet } from "@/runtime/oauth2/token-endpoint";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { GET as callback } from "@/app/oauth2/callback/route";
import { createCustomer } from "@/app/_server/services/customers/customers";
import { importIntegration } from "@/app/_server/services/integrations/import-integration";
import { publishIntegration } from "@/app/_server/services/integrations/publish-integration";
import { loadComponentCatalog } from "@/app/_server/services/components/component-catalog";
import { checkInstanceConnections } from "@/runtime/alerts/check-instances";
import { crmConfigVar, startTestProvider, type TestProvider } from "@/test/support/oidc-provider";
import { provideTestServices, testServices } from "@/test/fixtures/services";
import { startWebhookRuntime, type WebhookRuntime } from "@/test/fixtures/webhook-runtime";
import { waitFor } from "@/test/wait-for";

// the provider's tokens live 65 s and the host refreshes 60 s before expiry: fresh for 5 s
const TTL_S = 65;

let rt: WebhookRuntime;
let provider: TestProvider;
let api: http.Server;
let apiUrl: string;
const seenTokens: string[] = [];
let integrationId: string;
let acme: string;
let globex: string;

const admin: Principal = { userId: "admin", email: "a@org.test", name: "Admin", role: "admin", customerId: null, via: "session" };
const customerOf = (customerId: string): Principal => ({ ...admin, userId: `user-${customerId}`, role: "customer", customerId });
const caller = (p: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(rt.t, rt.runtime), db: rt.t.db, principal: p, headers: new Headers() });

const yaml = () => `definitionVersion: 1
name: CRM Sync
configPages:
  - name: Connect
    elements:
${crmConfigVar(provider)}
flows:
  - name: Sync
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Before
        action: http.get
        inputs:
          url: { value: "${apiUrl}/before" }
          auth: { configVar: crm }
      - name: Wait
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async (context, stepResults) => {
                const ms = Number((stepResults.trigger.results.body || {}).waitMs || 0);
                // flow code is untrusted: it tries to leak the token through its log and its result
                context.logger.info("token " + context.configVars.crm.accessToken);
                await new Promise((r) => setTimeout(r, ms));
                return { data: { waited: ms, seen: JSON.stringify(context.configVars), token: context.configVars.crm.accessToken } };
              };
      - name: After
        action: http.get
        inputs:
          url: { value: "${apiUrl}/after" }
          auth: { configVar: crm }
`;

/** connect as a person would: start, sign in at the provider, land on the callback */
async function connect(p: Principal, input: Parameters<ReturnType<typeof caller>["connections"]["start"]>[0]) {
  const { connectionId, authorizeUrl } = await caller(p).connections.start(input);
  const back = await provider.signIn(authorizeUrl);
  const res = await callback(new Request(back));
  return { connectionId, res, back };
}

async function deployConnected(customerId: string) {
  const { connectionId, res } = await connect(customerOf(customerId), { integrationId, configVarKey: "crm" });
  expect(res.status).toBe(200);
  const created = await caller(customerOf(customerId)).instances.create({
    integrationId,
    customerId,
    configValues: { crm: { connectionId } },
  });
  const instance = await caller(admin).instances.get({ id: created.id });
  return { connectionId, instance, token: instance.flows[0]!.webhookUrl.split("/webhooks/")[1]! };
}

const call = (token: string, waitMs = 0) =>
  fetch(`${rt.base}/webhooks/${token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ waitMs }),
  });
/** everything a run and the API leave behind for an instance: answers, step results (inputs too), logs, the execution rows */
async function leftBehind(instanceId: string, ...answers: unknown[]) {
  const runs = await caller(admin).executions.list({ instanceId });
  expect(runs.items.length).toBeGreaterThan(0);
  const q = async (text: string) => (await rt.t.pool.query(text, [instanceId])).rows;
  const rows = [
    await q(`select s.* from step_results s join executions e on e.id = s.execution_id where e.instance_id = $1`),
    await q(`select l.* from execution_logs l join executions e on e.id = l.execution_id where e.instance_id = $1`),
    await q(`select * from executions where instance_id = $1`),
  ];
  expect(rows[0]!.length).toBeGreaterThan(0);
  expect(rows[1]!.length).toBeGreaterThan(0);
  const details = await Promise.all(runs.items.map((r) => caller(admin).executions.detail({ id: r.id })));
  return JSON.stringify([answers, await caller(admin).instances.get({ id: instanceId }), runs, details, rows]);
}

const storedTokens = async (connectionId: string) => {
  const [row] = await rt.t.db.select().from(oauth2Connections).where(eq(oauth2Connections.id, connectionId));
  return { row: row!, tokens: decryptJson<TokenSet>(row!.tokens!) };
};

beforeAll(async () => {
  rt = await startWebhookRuntime({ timeoutMs: 20_000 });
  provideTestServices(rt.t);
  provider = await startTestProvider({ redirectUri: `${publicUrl()}/oauth2/callback`, accessTokenTtlSeconds: TTL_S });
  api = http.createServer((req, res) => {
    seenTokens.push(`${req.url} ${req.headers.authorization ?? ""}`);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  integrationId = (await importIntegration(rt.t.db, { yaml: yaml(), userId: null })).id;
  await publishIntegration(rt.t.db, await loadComponentCatalog(rt.t.db), { id: integrationId, userId: null });
  await caller(admin).connections.setClientSecret({ integrationId, configVarKey: "crm", clientSecret: provider.clientSecret });
  acme = (await createCustomer(rt.t.db, { name: "Acme" }))!.id;
  globex = (await createCustomer(rt.t.db, { name: "Globex" }))!.id;
  // the principals above, as rows (connections record who made them)
  await rt.t.db.insert(users).values([
    { id: admin.userId, email: admin.email, name: admin.name, role: "admin" },
    { id: customerOf(acme).userId, email: "u@acme.test", name: "Acme user", role: "customer", customerId: acme },
    { id: customerOf(globex).userId, email: "u@globex.test", name: "Globex user", role: "customer", customerId: globex },
  ]);
}, 30_000);
afterAll(async () => {
  api?.close();
  await provider?.close();
  await rt?.close();
});

describe("connect, deploy, run", () => {
  test("the customer connects through the provider's sign-in; the step calls the API with the access token; no token in any answer", async () => {
    const { connectionId, instance, token } = await deployConnected(acme);
    expect(instance.connections).toEqual([expect.objectContaining({ id: connectionId, configVarKey: "crm", status: "connected" })]);
    expect(await caller(customerOf(acme)).connections.status({ connectionId })).toMatchObject({
      status: "connected",
      lastError: null,
      scope: expect.stringContaining("offline_access"),
      accessTokenExpiresAt: expect.any(Date),
    });
    const { tokens } = await storedTokens(connectionId);
    expect(tokens.refreshToken).toBeTruthy();

    seenTokens.length = 0;
    const res = await call(token);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(seenTokens).toEqual([`/before Bearer ${tokens.accessToken}`, `/after Bearer ${tokens.accessToken}`]);

    const everything = await leftBehind(instance.id, await res.text(), await caller(customerOf(acme)).connections.status({ connectionId }));
    // the code step did receive the token: its copies were scrubbed
    expect(everything).toContain("token [redacted]");
    expect(everything).not.toContain(tokens.accessToken);
    expect(everything).not.toContain(tokens.refreshToken!);
  }, 30_000);

  test("a token that expires during a run is refreshed before the next step, once, and concurrent runs share that refresh", async () => {
    const { connectionId, instance, token } = await deployConnected(acme);
    const first = (await storedTokens(connectionId)).tokens.accessToken;
    const before = provider.counts.refreshGrants;
    seenTokens.length = 0;
    // each run's first call has the fresh token; waiting 6 s brings it within the refresh margin
    const [a, b] = await Promise.all([call(token, 6_000), call(token, 6_000)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const second = (await storedTokens(connectionId)).tokens.accessToken;
    expect(second).not.toBe(first);
    expect(provider.counts.refreshGrants - before).toBe(1);
    expect(seenTokens.filter((s) => s.startsWith("/before")).every((s) => s.endsWith(first))).toBe(true);
    expect(seenTokens.filter((s) => s.startsWith("/after"))).toEqual([`/after Bearer ${second}`, `/after Bearer ${second}`]);
    // neither the first token nor the renewed one is left in what the runs stored
    const everything = await leftBehind(instance.id, await a.text(), await b.text());
    expect(everything).not.toContain(first);
    expect(everything).not.toContain(second);
  }, 40_000);

  test("a revoked refresh token marks the connection as needing re-authorization, fails the run with the reason, and raises the alert", async () => {
    const { connectionId, instance, token } = await deployConnected(acme);
    await caller(admin).monitoring.alerts.createMonitor({
      name: "Connections",
      instanceId: instance.id,
      conditions: [{ kind: "connectionNeedsReauthorization" }],
      destinations: [{ kind: "feed" }],
    });
    const { tokens } = await storedTokens(connectionId);
    await provider.revoke(tokens.refreshToken!);
    // the access token is due: the refresh is refused
    await rt.t.db
      .update(oauth2Connections)
      .set({ accessTokenExpiresAt: new Date(Date.now() + 1000) })
      .where(eq(oauth2Connections.id, connectionId));
    const res = await call(token);
    expect(res.status).toBe(500);
    const { row } = await storedTokens(connectionId);
    expect(row.status).toBe("needs_reauthorization");
    expect(row.lastError).toMatch(/invalid_grant/);
    const shown = await caller(customerOf(acme)).instances.get({ id: instance.id });
    expect(shown.connections[0]).toMatchObject({ status: "needs_reauthorization" });

    // the leader hears of the instance and raises the alert (called here as it would)
    await checkInstanceConnections({ pool: rt.t.pool, boss: rt.boss }, instance.id);
    const events = await rt.t.db.select().from(alertEvents).where(eq(alertEvents.instanceId, instance.id));
    expect(events).toEqual([
      expect.objectContaining({
        condition: "connectionNeedsReauthorization",
        message: expect.stringMatching(/"crm" needs re-authorization/),
      }),
    ]);
    const monitors = await rt.t.db.select().from(alertMonitors);
    expect(monitors.length).toBeGreaterThan(0);

    // reconnecting the same connection brings it back
    const again = await connect(customerOf(acme), { connectionId });
    expect(again.res.status).toBe(200);
    expect((await storedTokens(connectionId)).row.status).toBe("connected");
    expect((await call(token)).status).toBe(200);
  }, 40_000);
});

describe("designer", () => {
  test("a test run uses the designer's own test connection", async () => {
    const { connectionId, res } = await connect(admin, { integrationId, configVarKey: "crm", test: true });
    expect(res.status).toBe(200);
    const { row, tokens } = await storedTokens(connectionId);
    expect(row.customerId).toBeNull();
    await caller(admin).executions.saveTestConfig({ integrationId, values: { crm: { connectionId } } });
    seenTokens.length = 0;
    const { id } = await caller(admin).executions.test({ integrationId, body: { waitMs: 0 } });
    const done = await waitFor(
      async () => {
        const e = await caller(admin).executions.get({ id });
        return e && ["succeeded", "failed"].includes(e.status) ? e : null;
      },
      { timeoutMs: 20_000, what: "the test run" },
    );
    expect(done.status).toBe("succeeded");
    expect(seenTokens).toEqual([`/before Bearer ${tokens.accessToken}`, `/after Bearer ${tokens.accessToken}`]);
  }, 30_000);
});

describe("attacks", () => {
  test("a replayed state trades nothing; an unknown state is refused", async () => {
    const { back, res } = await connect(customerOf(acme), { integrationId, configVarKey: "crm" });
    expect(res.status).toBe(200);
    const codeGrants = provider.counts.codeGrants;
    const replay = await callback(new Request(back));
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/used already or is unknown/);
    const made = new URL(back);
    made.searchParams.set("state", "made-up-state");
    expect((await callback(new Request(made))).status).toBe(400);
    expect(provider.counts.codeGrants).toBe(codeGrants);
  }, 30_000);

  test("the provider's error is shown, and the connection stays unusable", async () => {
    const { connectionId, authorizeUrl } = await caller(customerOf(acme)).connections.start({ integrationId, configVarKey: "crm" });
    const state = new URL(authorizeUrl).searchParams.get("state")!;
    const res = await callback(
      new Request(`${publicUrl()}/oauth2/callback?error=access_denied&error_description=The+user+said+no&state=${state}`),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/access_denied: The user said no/);
    expect((await caller(customerOf(acme)).connections.status({ connectionId })).status).toBe("pending");
  });

  test("a customer cannot see, restart or deploy with another customer's connection, nor a designer test connection", async () => {
    const { connectionId } = await connect(customerOf(acme), { integrationId, configVarKey: "crm" });
    const evil = caller(customerOf(globex));
    await expect(evil.connections.status({ connectionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(evil.connections.start({ connectionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      evil.instances.create({ integrationId, customerId: globex, configValues: { crm: { connectionId } } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/crm: this connection was not made here/),
    });
    await expect(evil.connections.start({ integrationId, configVarKey: "crm", customerId: acme })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(evil.connections.start({ integrationId, configVarKey: "crm", test: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const viewer = caller({ ...customerOf(globex), role: "customer_viewer" });
    await expect(viewer.connections.start({ integrationId, configVarKey: "crm" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // the designer's test config takes only the designer's own test connections
    await expect(caller(admin).executions.saveTestConfig({ integrationId, values: { crm: { connectionId } } })).rejects.toMatchObject({
      message: expect.stringMatching(/crm: this connection was not made here/),
    });
  }, 30_000);

  test("a connection not completed cannot be deployed; a variable that is not oauth2 cannot be connected", async () => {
    const { connectionId } = await caller(customerOf(acme)).connections.start({ integrationId, configVarKey: "crm" });
    await expect(
      caller(customerOf(acme)).instances.create({ integrationId, customerId: acme, configValues: { crm: { connectionId } } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/crm: the connection is pending/) });
    await expect(caller(customerOf(acme)).connections.start({ integrationId, configVarKey: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

/**
 * Hostile tenants, ingest: whatever one webhook caller sends, other callers' requests are answered
 * as before; how a caller signs in (cookies, bearer tokens, endpoint keys) never becomes run data.
 */
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getExecution, getExecutionDetail } from "@/app/_server/services/executions/get-execution";
import { createEndpointCache } from "@/runtime/ingest/endpoint-cache";
import { createIngestBatcher } from "@/runtime/executions/accept-batcher";
import type { RunRequest } from "@/runtime/executions/run-request";
import { UnstorablePayloadError } from "@/runtime/ingest/storable-payload";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { codeStepFlow, startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let boss: PgBoss;
let base: string;

beforeAll(async () => {
  h = await startWebhookRuntime();
  ({ t, boss, base } = h);
});

afterAll(async () => {
  await h?.close();
});

const codeFlow = (name: string, code: string, trigger = "") => codeStepFlow(code, { name, trigger });

const echo = () => `definitionVersion: 1
name: Echo ${Math.random()}
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Echo
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (c, s) => ({ data: s.trigger.results.body })" }
`;

const post = (token: string, body: string, path = "", headers: Record<string, string> = {}) =>
  fetch(`${base}/webhooks/${token}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("one poisoned webhook fails only itself", () => {
  test("3 clients sending NUL, lone surrogates and 200,000-deep JSON beside 5 honest clients of another customer: every honest request 202, every poison 400 naming the place", async () => {
    const victim = await deploy(t.db, echo());
    const attacker = await deploy(t.db, echo());
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const poisons: [string, string][] = [
      ["?x=%00", '{"a":"\\u0000"}'],
      ["", '{"a":["ok","\\ud800"]}'],
      ["", deep],
    ];
    const honest = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await post(victim.tokens.main!, JSON.stringify({ i }))).status);
      return statuses;
    };
    const poisoner = async ([path, body]: [string, string]) => {
      const answers: { status: number; error: string }[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await post(attacker.tokens.main!, body, path);
        answers.push({ status: res.status, error: ((await res.json()) as { error?: string }).error ?? "" });
      }
      return answers;
    };
    const [honestStatuses, poisoned] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, honest)),
      Promise.all(poisons.map(poisoner)),
    ]);
    expect(honestStatuses.flat()).toEqual(Array(50).fill(202));
    expect(poisoned[0]!.every((a) => a.status === 400 && a.error.startsWith("query.x holds a NUL character"))).toBe(true);
    expect(poisoned[1]!.every((a) => a.status === 400 && a.error.startsWith("body.a[1] holds an unpaired UTF-16 surrogate"))).toBe(true);
    expect(poisoned[2]!.every((a) => a.status === 400 && a.error.includes("is nested deeper than 400 levels"))).toBe(true);
    const stored = await t.pool.query("select count(*)::int as n from executions where instance_id = $1", [attacker.instance.id]);
    expect(stored.rows[0].n).toBe(0);
  });

  test("a batch the database still refuses is tried row by row: the bad row fails alone, the others are committed", async () => {
    const { instance } = await deploy(t.db, echo());
    const ids = (await t.pool.query("select integration_id, version_id, customer_id from instances where id = $1", [instance.id])).rows[0];
    const batcher = createIngestBatcher({ pool: t.pool, boss, lingerMs: 20 });
    const row = (body: unknown): RunRequest => ({
      id: crypto.randomUUID(),
      instanceId: instance.id,
      integrationId: ids.integration_id,
      versionId: ids.version_id,
      customerId: ids.customer_id,
      flowKey: "main",
      source: "webhook",
      triggerPayload: { body },
    });
    const good = [row({ n: 1 }), row({ n: 2 }), row({ n: 3 })];
    const bad = row({ n: "\u0000" });
    const results = await Promise.allSettled([good[0], bad, good[1], good[2]].map((r) => batcher.add(r!)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(UnstorablePayloadError);
    const stored = (await t.pool.query("select id from executions where id = any($1::uuid[])", [[...good, bad].map((r) => r.id)])).rows.map(
      (r) => r.id,
    );
    expect(stored.sort()).toEqual(good.map((r) => r.id).sort());
  });

  test("NUL bytes produced while a run goes on (its result, logs and persisted data) are stored, and the run ends normally", async () => {
    const { tokens } = await deploy(
      t.db,
      codeFlow(
        "Nul at run time",
        `module.exports = async (context) => {
  context.logger.info("a \\u0000 b");
  await context.state.set("k", { v: "x\\u0000y" });
  return { data: { text: "nul:\\u0000", read: await context.state.get("k") } };
};`,
      ),
    );
    const res = await post(tokens.main!, "{}");
    expect(res.status).toBe(200);
    // answered exactly (result-columns.ts); what is stored is kept as the symbol for NUL (jsonb cannot hold the character itself)
    expect(await res.json()).toEqual({ text: "nul:\u0000", read: { v: "x\u2400y" } });
    const execution = res.headers.get("x-junction-execution-id");
    const kept = await t.pool.query("select result from executions where id = $1", [execution]);
    expect(kept.rows[0].result).toEqual({ text: "nul:\u2400", read: { v: "x\u2400y" } });
    const logs = await t.pool.query("select message from execution_logs where execution_id = $1", [execution]);
    expect(logs.rows.map((r) => r.message)).toContain("a \u2400 b");
    const persisted = await t.pool.query("select value from persisted_data where key = 'k' and value->>'v' like 'x%'");
    expect(persisted.rows.map((r) => r.value)).toContainEqual({ v: "x\u2400y" });
  });
});

describe("caller credentials are not data", () => {
  const readHeaders = `module.exports = async (c, s) => ({ data: s.trigger.results.headers });`;

  test("cookie, authorization, proxy-authorization and the endpoint's key never reach the flow or the stored trigger; keepHeaders keeps the one a flow asks for", async () => {
    const sent = {
      cookie: "better-auth.session_token=admin-session",
      authorization: "Bearer caller-token",
      "proxy-authorization": "Basic cHJveHk6cHc=",
      "x-junction-api-key": "jwk_secret",
      "x-junction-signature": "sha256=00",
      "x-junction-timestamp": "1",
      "x-request-id": "r-1",
    };
    const plain = await deploy(t.db, codeFlow("Headers", readHeaders));
    const res = await post(plain.tokens.main!, "{}", "", sent);
    const seen = (await res.json()) as Record<string, string>;
    expect(seen["x-request-id"]).toBe("r-1");
    for (const name of [
      "cookie",
      "authorization",
      "proxy-authorization",
      "x-junction-api-key",
      "x-junction-signature",
      "x-junction-timestamp",
    ]) {
      expect(seen[name]).toBeUndefined();
    }
    const stored = await t.pool.query("select trigger_payload::text as p from executions where instance_id = $1", [plain.instance.id]);
    expect(stored.rows[0].p).not.toMatch(/admin-session|caller-token|jwk_secret|cHJveHk/);
    // what `executions:get` and GET /api/executions/<id> show (the services they call)
    const id = res.headers.get("x-junction-execution-id")!;
    const shown = JSON.stringify([await getExecution(t.db, id), await getExecutionDetail(t.db, id)]);
    expect(shown).toContain("r-1");
    expect(shown).not.toMatch(/admin-session|caller-token|jwk_secret|cHJveHk/);

    const keeping = await deploy(t.db, codeFlow("Keeps auth", readHeaders, ", keepHeaders: [authorization]"));
    const kept = (await (await post(keeping.tokens.main!, "{}", "", sent)).json()) as Record<string, string>;
    expect(kept.authorization).toBe("Bearer caller-token");
    expect(kept.cookie).toBeUndefined();
  });
});

test("100,000 guessed tokens cannot grow the endpoint cache past its bound or push out the real ones; malformed ones are never looked up", async () => {
  const { tokens } = await deploy(t.db, echo());
  const cache = createEndpointCache(t.pool); // the runtime's own settings (1,000 unknown tokens at most)
  expect(await cache.get(tokens.main!)).not.toBeNull();
  let largest = 0;
  for (let i = 0; i < 100_000; i += 500) {
    // shaped like real tokens (24 random bytes, base64url), so each one is looked up
    await Promise.all(Array.from({ length: 500 }, () => cache.get(randomBytes(24).toString("base64url"))));
    largest = Math.max(largest, cache.size().unknown);
  }
  await cache.get("x".repeat(10_000));
  expect(largest).toBe(1_000);
  expect(cache.size()).toEqual({ known: 1, unknown: 1_000 });
  expect(await cache.get(tokens.main!)).not.toBeNull();
}, 120_000);

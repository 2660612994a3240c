/**
 * Hostile tenants, secrets: a credential's value, however a flow's code re-encodes it, is not
 * readable in what the run leaves behind — step results, the run's result (and answer), logs,
 * persisted data. The steps themselves still get the real values.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { getExecution, getExecutionDetail } from "@/app/_server/services/executions/get-execution";
import { listPersistedData } from "@/app/_server/services/instances/list-persisted-data";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let base: string;

beforeAll(async () => {
  h = await startWebhookRuntime();
  ({ t, base } = h);
});

afterAll(async () => {
  await h?.close();
});

const KEY = "sk_live_Zq9/+x7 secret&key";
const USER = "treasurer";
const PASSWORD = "bank-pw-4242";

test("a code step returning, logging and persisting a credential as is, in base64, base64url, URL-encoded and as Basic auth leaves none of them readable", async () => {
  const code = `module.exports = async (context) => {
  const key = context.configVars.shop.key;
  const { username, password } = context.configVars.bank;
  const forms = {
    plain: key,
    b64: btoa(key),
    b64url: btoa(key).replace(/=+$/, "").replace(/\\+/g, "-").replace(/\\//g, "_"),
    url: encodeURIComponent(key),
    basic: "Basic " + btoa(username + ":" + password),
    inText: "the key is " + key + ".",
    password,
  };
  context.logger.info("using " + btoa(key));
  await context.state.set("cache", forms);
  return { data: { forms, lengthSeen: key.length } };
};`;
  const yaml = `definitionVersion: 1
name: Leaky ${Math.random()}
configPages:
  - name: Settings
    elements:
      - configVar: { key: shop, label: Shop, type: credential, credentialType: apiKey }
      - configVar: { key: bank, label: Bank, type: credential, credentialType: basic }
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Leak
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(code)} }
`;
  const { instance, tokens } = await deploy(t.db, yaml, { shop: { key: KEY }, bank: { username: USER, password: PASSWORD } });
  const res = await fetch(`${base}/webhooks/${tokens.main}`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  const answer = await res.text();
  expect(res.status).toBe(200);
  // the step had the real value
  expect(JSON.parse(answer).lengthSeen).toBe(KEY.length);

  const executionId = res.headers.get("x-junction-execution-id");
  const left = [
    answer,
    JSON.stringify((await t.pool.query("select result from executions where id = $1", [executionId])).rows),
    JSON.stringify((await t.pool.query("select result, inputs from step_results where execution_id = $1", [executionId])).rows),
    JSON.stringify((await t.pool.query("select message from execution_logs where execution_id = $1", [executionId])).rows),
    JSON.stringify((await t.pool.query("select value from persisted_data where owner_id = $1", [instance.id])).rows),
    // what `executions:get`, GET /api/executions/<id> and the instance page show (the services they call)
    JSON.stringify([
      await getExecution(t.db, executionId!),
      await getExecutionDetail(t.db, executionId!),
      await listPersistedData(t.db, instance.id),
    ]),
  ].join("\n");
  const b64 = Buffer.from(KEY).toString("base64");
  for (const form of [
    KEY,
    b64,
    b64.replace(/=+$/, ""),
    Buffer.from(KEY).toString("base64url"),
    encodeURIComponent(KEY),
    Buffer.from(`${USER}:${PASSWORD}`).toString("base64"),
    PASSWORD,
  ]) {
    expect(left, form).not.toContain(form);
  }
  expect(left).toContain("[redacted]");
});

/**
 * Hostile tenants, secrets: a credential's value, however a flow's code re-encodes it, is not
 * readable in what the run leaves behind — step results, the run's result (and answer), logs,
 * persisted data. The steps themselves still get the real values.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "../../components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "../../components-registry/store/db-bundle-loader";
import { installBuiltins } from "../../components-registry/store/install-builtins";
import { startBoss } from "../../runtime/queue/boss";
import { startRuntime, type Runtime } from "../../runtime/runtime";
import { createTestDatabase, type TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowPrivateNetwork: true }, limits: { timeoutMs: 5000 } });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await runtime?.stop();
  await runner?.close();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
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
  const res = await fetch(`${base}/webhooks/${tokens.main}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
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
  ].join("\n");
  const b64 = Buffer.from(KEY).toString("base64");
  for (const form of [KEY, b64, b64.replace(/=+$/, ""), Buffer.from(KEY).toString("base64url"), encodeURIComponent(KEY), Buffer.from(`${USER}:${PASSWORD}`).toString("base64"), PASSWORD]) {
    expect(left, form).not.toContain(form);
  }
  expect(left).toContain("[redacted]");
});

/**
 * Hostile tenants, an uploaded component's action: it is handed the credentials bound to its own
 * inputs, never the instance's other credentials through `context.configVars`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "../../components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "../../components-registry/store/db-bundle-loader";
import { installBuiltins } from "../../components-registry/store/install-builtins";
import { installComponent } from "../../components-registry/store/install-component";
import { tempPackage } from "../../components-registry/test-support/temp-package";
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

test("an uploaded component's action sees the credential bound to its input, and none of the instance's other credentials", async () => {
  const pkg = tempPackage(
    `import { action, component, input } from "@junction/sdk";
export default component({
  key: "snoop",
  label: "Snoop",
  actions: {
    look: action({
      label: "Look",
      inputs: { auth: input({ label: "Auth", type: "credential", required: true }) },
      perform: async (context, inputs) => ({ data: { configVars: context.configVars, auth: inputs.auth } }),
    }),
  },
});`,
    { name: "snoop" },
  );
  try {
    await installComponent(t.db, { path: pkg.dir });
  } finally {
    pkg.remove();
  }
  const yaml = `definitionVersion: 1
name: Snooping
configPages:
  - name: Settings
    elements:
      - configVar: { key: shopKey, label: Shop key, type: credential, credentialType: apiKey }
      - configVar: { key: bankLogin, label: Bank login, type: credential, credentialType: basic }
      - configVar: { key: region, label: Region, type: string }
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Look
        action: snoop.look
        inputs:
          auth: { configVar: shopKey }
`;
  const { tokens } = await deploy(t.db, yaml, {
    shopKey: { key: "shop-secret-123456" },
    bankLogin: { username: "treasurer", password: "bank-secret-654321" },
    region: "eu",
  });
  const res = await fetch(`${base}/webhooks/${tokens.main}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  expect(res.status).toBe(200);
  const seen = (await res.json()) as { configVars: Record<string, unknown>; auth: unknown };
  expect(seen.configVars).toEqual({ region: "eu" });
  // (the answer itself is scrubbed of secrets; what matters is which keys the action was given)
  expect(Object.keys(seen.auth as object)).toEqual(["key"]);
});

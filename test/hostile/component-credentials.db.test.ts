/**
 * Hostile tenants, an uploaded component's action: it is handed the credentials bound to its own
 * inputs, never the instance's other credentials through `context.configVars`.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { installComponent } from "@/components-registry/store/install-component";
import { tempPackage } from "@/components-registry/test-support/temp-package";
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
  const res = await fetch(`${base}/webhooks/${tokens.main}`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  const seen = (await res.json()) as { configVars: Record<string, unknown>; auth: unknown };
  expect(seen.configVars).toEqual({ region: "eu" });
  // (the answer itself is scrubbed of secrets; what matters is which keys the action was given)
  expect(Object.keys(seen.auth as object)).toEqual(["key"]);
});

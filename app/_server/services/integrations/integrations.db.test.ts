import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { httpManifest, insertManifest } from "@/test/fixtures/components";
import { loadComponentCatalog } from "../components/component-catalog";
import { createCustomer } from "../customers/customers";
import { createInstance } from "../instances/create-instance";
import { getInstance } from "../instances/get-instance";
import { listInstances } from "../instances/list-instances";
import { updateInstance } from "../instances/update-instance";
import { deleteIntegration } from "./delete-integration";
import { exportIntegration } from "./export-integration";
import { forkIntegration } from "./fork-integration";
import { importIntegration } from "./import-integration";
import { listIntegrations } from "./list-integrations";
import { publishIntegration } from "./publish-integration";
import { saveDraft } from "./save-draft";
import { getIntegration } from "./get-integration";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertManifest(t.db, httpManifest("1.0.0"));
  await insertManifest(t.db, httpManifest("1.2.0"));
  await insertManifest(t.db, httpManifest("2.0.0"));
});
afterAll(() => t.drop());

const yaml = (url: string, pin = "http@1") => `definitionVersion: 1
name: Order Sync
description: Pull orders
labels: [erp]
configPages:
  - name: Connection
    elements:
      - configVar: { key: shopUrl, label: Shop URL, type: string, required: true }
      - configVar: { key: apiKey, label: API key, type: credential, credentialType: apiKey }
      - configVar: { key: sync, label: Sync, type: schedule, default: { every: 5, unit: minutes } }
flows:
  - name: Sync orders
    trigger: { type: schedule, schedule: { configVar: sync } }
    steps:
      - name: Fetch orders
        action: http.get
        component: ${pin}
        inputs:
          url: ${url}
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

describe("integrations, versions and instances", () => {
  let integrationId: string;

  test("import refuses a broken document with each problem and its line, and writes nothing", async () => {
    await expect(importIntegration(t.db, { yaml: yaml("{ reference: fetchUser.results }"), userId: null })).rejects.toThrow(
      /flows\[0\]\.steps\[0\]\.inputs\.url\.reference: unknown reference "fetchUser" \(line 19\)/,
    );
    expect(await listIntegrations(t.db)).toEqual([]);
  });

  test("import, list with search and filter, export round-trips", async () => {
    const created = await importIntegration(t.db, { yaml: yaml("{ template: '{{configVars.shopUrl}}/orders' }"), userId: null });
    integrationId = created.id;
    expect((await listIntegrations(t.db, { search: "order" })).map((i) => i.name)).toEqual(["Order Sync"]);
    expect(await listIntegrations(t.db, { search: "pull" })).toEqual([]);
    expect((await listIntegrations(t.db, { filter: "pull" })).map((i) => i.name)).toEqual(["Order Sync"]);
    expect(await listIntegrations(t.db, { filter: "erp" })).toHaveLength(1);
    const exported = await exportIntegration(t.db, { id: integrationId });
    const again = await importIntegration(t.db, { yaml: exported.yaml, id: integrationId, userId: null });
    expect((await exportIntegration(t.db, { id: again.id })).yaml).toBe(exported.yaml);
  });

  test("a second editor saving an older revision is told the draft changed", async () => {
    const current = await getIntegration(t.db, integrationId);
    await saveDraft(t.db, { id: integrationId, definition: current.draft, baseRevision: current.draftRevision });
    await expect(saveDraft(t.db, { id: integrationId, definition: current.draft, baseRevision: current.draftRevision })).rejects.toThrow(
      /draft changed since you loaded it/,
    );
  });

  test("publish pins the newest installed version of the pinned major", async () => {
    const catalog = await loadComponentCatalog(t.db);
    const v1 = await publishIntegration(t.db, catalog, { id: integrationId, note: "first", userId: null });
    expect(v1).toMatchObject({ version: 1, componentVersions: { http: "1.2.0" } });
    await expect(publishIntegration(t.db, catalog, { id: integrationId, note: "same", userId: null })).rejects.toThrow(
      "Nothing changed since version 1",
    );
    const draft = (await getIntegration(t.db, integrationId)).draft;
    await saveDraft(t.db, { id: integrationId, definition: { ...draft, description: "Pull orders, every five minutes" } });
    const v2 = await publishIntegration(t.db, catalog, { id: integrationId, note: "second", userId: null });
    expect(v2.version).toBe(2);
  });

  test("publish refuses a draft with a missing required input, naming the step", async () => {
    const forked = await forkIntegration(t.db, { id: integrationId, name: "Order Sync copy", userId: null });
    const draft = (await getIntegration(t.db, forked.id)).draft;
    draft.flows[0]!.steps[0]!.inputs = {};
    await saveDraft(t.db, { id: forked.id, definition: draft });
    await expect(publishIntegration(t.db, await loadComponentCatalog(t.db), { id: forked.id, userId: null })).rejects.toThrow(
      /flows\[0\]\.steps\[0\]\.inputs.*url/,
    );
  });

  test("an instance: config validated, credentials encrypted and masked, schedules resolved, version updates carry values", async () => {
    const customer = (await createCustomer(t.db, { name: "Acme", externalId: "acme-1" }))!;
    await expect(
      createInstance(t.db, { integrationId, customerId: customer.id, version: 1, configValues: { apiKey: { key: "" } } }),
    ).rejects.toThrow(/shopUrl: Shop URL is required[\s\S]*apiKey: key is required/);

    const { id } = await createInstance(t.db, {
      integrationId,
      customerId: customer.id,
      version: 1,
      configValues: { shopUrl: "https://acme.test", apiKey: { key: "secret-key-1" } },
    });
    const instance = await getInstance(t.db, id);
    expect(instance.config).toEqual({ shopUrl: "https://acme.test", sync: { every: 5, unit: "minutes" }, apiKey: { key: "********" } });
    expect(instance.flows.map((f) => f.schedule)).toEqual([{ every: 5, unit: "minutes" }, null]);
    expect(instance.flows[1]!.webhookUrl).toMatch(/\/webhooks\/[A-Za-z0-9_-]{32}$/);
    const raw = await t.pool.query("select credentials from instances where id = $1", [id]);
    expect(raw.rows[0].credentials).not.toContain("secret-key-1");

    const urlsBefore = instance.flows.map((f) => f.webhookUrl);
    await updateInstance(t.db, { id, version: "latest", configValues: { sync: { cron: "*/5 8-16 * * 1-5" } } });
    const updated = await getInstance(t.db, id);
    expect(updated.version).toBe(2);
    expect(updated.config).toMatchObject({ shopUrl: "https://acme.test", apiKey: { key: "********" } });
    expect(updated.flows.map((f) => f.webhookUrl)).toEqual(urlsBefore);
    expect(updated.flows[0]!.schedule).toEqual({ cron: "*/5 8-16 * * 1-5" });

    const listed = await listInstances(t.db, { extended: true });
    expect(listed[0]!.flows).toHaveLength(2);

    const deleted = await deleteIntegration(t.db, integrationId);
    expect(deleted.deletedInstances.map((i) => i.customer)).toEqual(["Acme"]);
    expect(await listInstances(t.db, {})).toEqual([]);
  });
});

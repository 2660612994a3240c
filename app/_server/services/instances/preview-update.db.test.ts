import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { httpManifest, insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { loadComponentCatalog } from "../components/component-catalog";
import { importIntegration } from "../integrations/import-integration";
import { publishIntegration } from "../integrations/publish-integration";
import { setPreset } from "../marketplace/set-preset";
import { previewUpdate } from "./preview-update";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertManifest(t.db, httpManifest("1.0.0"));
});
afterAll(() => t.drop());

const yaml = (vars: string, code: string) => `definitionVersion: 1
name: Preview Me
configPages:
  - name: Options
    elements:
${vars}
flows:
  - name: Echo
    trigger: { type: webhook }
    steps:
      - name: Secret sauce
        action: http.get
        inputs:
          url: { value: "${code}" }
`;

const v1 = `      - configVar: { key: shopUrl, label: Shop URL, type: string, required: true, default: "https://a.test" }
      - configVar: { key: legacy, label: Legacy mode, type: boolean }
      - configVar: { key: store, label: File store, type: picklist, options: [aws, azure], default: aws }
      - configVar: { key: internal, label: Internal key, type: string }`;
const v3 = `      - configVar: { key: shopUrl, label: Shop address, type: string, required: true, default: "https://a.test" }
      - configVar: { key: store, label: File store, type: picklist, options: [aws, azure, gcs], default: aws, required: true }
      - configVar: { key: region, label: Region, type: string, required: true }
      - configVar: { key: internal, label: Internal key, type: string, required: true }`;

describe("the update preview", () => {
  test("every note after the instance's version and the config fields that change, in words; the YAML only for the organization", async () => {
    const { integrationId, customerId, instance } = await deploy(t.db, yaml(v1, "https://internal.test/sauce?v=1"));
    const publish = async (y: string, note: string) => {
      await importIntegration(t.db, { yaml: y, id: integrationId, userId: null });
      await publishIntegration(t.db, await loadComponentCatalog(t.db), { id: integrationId, note, userId: null });
    };
    await publish(yaml(v1, "https://internal.test/sauce?v=2"), "Faster sync");
    await publish(yaml(v3, "https://internal.test/sauce?v=3"), "Asks for your region");
    await setPreset(t.db, { customerId, integrationId, configVarKey: "internal", mode: "hidden", value: "k-1" });

    const asCustomer = await previewUpdate(t.db, { id: instance.id, viewer: { customerId } });
    expect(asCustomer.from).toBe(1);
    expect(asCustomer.to).toBe(3);
    expect(asCustomer.notes.map((n) => [n.version, n.note])).toEqual([
      [2, "Faster sync"],
      [3, "Asks for your region"],
    ]);
    expect(asCustomer.configChanges.map((c) => [c.kind, c.detail])).toEqual([
      ["changed", "Shop address: renamed from Shop URL"],
      ["changed", "File store: now a choice of aws, azure, gcs instead of a choice of aws, azure; now required"],
      ["new", "New field: Region (text, required)"],
      ["removed", "No longer asked: Legacy mode (its value is dropped)"],
    ]);
    // no steps, code or YAML for a customer's user, and nothing about the variable hidden from it
    expect(asCustomer.technical).toBeNull();
    expect(JSON.stringify(asCustomer)).not.toMatch(/Secret sauce|internal\.test|Internal key/);

    const asOrganization = await previewUpdate(t.db, { id: instance.id, viewer: "organization" });
    expect(asOrganization.configChanges.map((c) => c.key)).toEqual(["shopUrl", "store", "region", "internal", "legacy"]);
    expect(asOrganization.technical?.after).toContain("sauce?v=3");
  });
});

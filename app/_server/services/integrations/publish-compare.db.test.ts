import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { httpManifest, insertManifest } from "@/test/fixtures/components";
import { loadComponentCatalog } from "../components/component-catalog";
import { compareVersions } from "./compare-versions";
import { importIntegration } from "./import-integration";
import { publishIntegration } from "./publish-integration";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertManifest(t.db, httpManifest("1.0.0"));
});
afterAll(() => t.drop());

const yaml = (url: string) => `definitionVersion: 1
name: Compare Me
configPages:
  - name: Connection
    elements:
      - configVar: { key: shopUrl, label: Shop URL, type: string, required: true, default: "https://a.test" }
flows:
  - name: Fetch
    trigger: { type: webhook }
    steps:
      - name: Fetch orders
        action: http.get
        inputs:
          url: { value: "${url}" }
`;

describe("publishing and comparing versions", () => {
  test("the draft just published compares equal to its version (component pins alike); publishing it again is refused", async () => {
    const { id } = await importIntegration(t.db, { yaml: yaml("https://a.test/orders"), userId: null });
    const publish = async (note?: string) => publishIntegration(t.db, await loadComponentCatalog(t.db), { id, note, userId: null });
    const v1 = await publish("first");
    expect(v1.componentVersions).toEqual({ http: "1.0.0" });

    const same = await compareVersions(t.db, await loadComponentCatalog(t.db), { id, from: 1, to: "draft" });
    expect(same.after).toBe(same.before);
    expect(same.after).toContain("componentVersions:\n  http: 1.0.0");
    await expect(publish("again")).rejects.toThrow("Nothing changed since version 1: change the draft before publishing it again.");

    // a changed draft shows only its change, and publishes as version 2
    await importIntegration(t.db, { yaml: yaml("https://a.test/orders?all=1"), id, userId: null });
    const changed = await compareVersions(t.db, await loadComponentCatalog(t.db), { id, from: 1, to: "draft" });
    expect(changed.before.replace("https://a.test/orders", "https://a.test/orders?all=1")).toBe(changed.after);
    expect((await publish("all orders")).version).toBe(2);

    // a component upgraded since is a real change: the draft would pin it
    await insertManifest(t.db, httpManifest("1.1.0"));
    const upgraded = await compareVersions(t.db, await loadComponentCatalog(t.db), { id, from: 2, to: "draft" });
    expect(upgraded.after).toBe(upgraded.before.replace("http: 1.0.0", "http: 1.1.0"));
    expect((await publish("http 1.1.0")).version).toBe(3);
  });
});

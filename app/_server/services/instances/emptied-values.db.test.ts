import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { getInstance } from "./get-instance";
import { updateInstance } from "./update-instance";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const yaml = `definitionVersion: 1
name: Emptied
configPages:
  - name: Options
    elements:
      - configVar: { key: shopUrl, label: Shop URL, type: string, required: true, default: "https://a.test" }
      - configVar: { key: store, label: File store, type: picklist, options: [aws, azure], default: aws }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

test("reconfiguring: an emptied optional value goes back to its default, an emptied required one is refused", async () => {
  const { instance } = await deploy(t.db, yaml, { shopUrl: "https://b.test", store: "azure" });
  expect(instance.config).toEqual({ shopUrl: "https://b.test", store: "azure" });

  await updateInstance(t.db, { id: instance.id, configValues: { store: "" } });
  expect((await getInstance(t.db, instance.id)).config).toEqual({ shopUrl: "https://b.test", store: "aws" });

  await expect(updateInstance(t.db, { id: instance.id, configValues: { shopUrl: "" } })).rejects.toThrow(
    "shopUrl: Shop URL is required: enter a value",
  );
  expect((await getInstance(t.db, instance.id)).config.shopUrl).toBe("https://b.test");
});

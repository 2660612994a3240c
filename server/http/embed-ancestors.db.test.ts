import { afterAll, beforeAll, expect, test } from "vitest";
import { orgSettings } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { embedAncestors } from "./embed-ancestors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test("the embedded views may be framed by the app and the allowed origins only; a value that is not an origin never reaches the header", async () => {
  expect(await embedAncestors(t.pool)()).toBe("'self'");
  // written past the settings' checks, as a damaged or hand-edited row would be
  await t.db.insert(orgSettings).values({
    key: "embedding",
    value: { allowedOrigins: ["https://app.acme.test", "https://x.test; script-src *", "*", "http://127.0.0.1:4100"] },
  });
  expect(await embedAncestors(t.pool)()).toBe("'self' https://app.acme.test http://127.0.0.1:4100");
});

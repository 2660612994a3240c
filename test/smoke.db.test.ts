import { afterAll, beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./db";
import { customers } from "@/db/schema";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test("a test database is cloned from the migrated template", async () => {
  await t.db.insert(customers).values({ name: "Acme" });
  const rows = await t.db.select().from(customers);
  expect(rows.map((r) => r.name)).toEqual(["Acme"]);
  const tables = await t.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
  expect((tables.rows[0] as { n: number }).n).toBeGreaterThan(15);
});

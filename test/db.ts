/**
 * A database of its own for one test file: cloned from the migrated template, dropped after.
 *   const t = await createTestDatabase();  … t.db …  await t.drop();
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type Database } from "@/db/client";

export interface TestDatabase extends Database {
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const template = inject("templateDatabase");
  const name = `junction_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `create database "${name}" template "${template}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const database = createDatabase(u.toString(), { max: 10 });
  return {
    ...database,
    name,
    async drop() {
      await database.pool.end();
      await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // two files cloning the template at once collide ("source database is being accessed")
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (err) {
        if (attempt < 50 && /being accessed by other users/.test(String((err as Error).message))) {
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
          continue;
        }
        throw err;
      }
    }
  } finally {
    await client.end();
  }
}

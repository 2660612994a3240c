/**
 * A PostgreSQL restart terminates every connection, including one a transaction holds between
 * two statements. That must fail the transaction alone — before this test, the checked-out
 * client's 'error' event had no listener and took the whole process down (the web process of
 * `npm run chaos` died at the restart).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { withTransaction } from "@/db/transaction";
import { createTestDatabase, type TestDatabase } from "../db";

let t: TestDatabase;
const uncaught: Error[] = [];
const onUncaught = (err: Error) => uncaught.push(err);

beforeAll(async () => {
  t = await createTestDatabase();
  process.on("uncaughtException", onUncaught);
});
afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  await t?.drop();
});

it("a transaction whose connection is terminated fails alone; the process and the pool go on", async () => {
  const attempt = withTransaction(t.pool, async (client) => {
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    await t.pool.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
    // the connection's end arrives while the client is checked out and idle
    await new Promise((r) => setTimeout(r, 300));
    await client.query("select 1");
  });
  await expect(attempt).rejects.toThrow(/terminat|not queryable/i);
  expect(uncaught.map((e) => e.message)).toEqual([]);
  expect((await t.pool.query<{ one: number }>("select 1 as one")).rows[0]!.one).toBe(1);
});

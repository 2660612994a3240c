import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { pruneExecutions } from "./prune-executions";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** an execution queued `daysAgo`, with `lines` log lines and as many step results at that time */
async function seed(daysAgo: number, lines: number, status = "succeeded") {
  const r = await t.pool.query(
    `insert into executions (flow_key, source, status, queued_at, finished_at) values ('main', 'webhook', $2, now() - make_interval(days => $1), now() - make_interval(days => $1)) returning id`,
    [daysAgo, status],
  );
  const id = r.rows[0].id as string;
  await t.pool.query(
    `insert into execution_logs (execution_id, level, message, created_at) select $1, 'info', 'line ' || g, now() - make_interval(days => $2) from generate_series(1, $3) g`,
    [id, daysAgo, lines],
  );
  await t.pool.query(
    `insert into step_results (execution_id, step_key, status, started_at) select $1, 's' || g, 'succeeded', now() - make_interval(days => $2) from generate_series(1, $3) g`,
    [id, daysAgo, lines],
  );
  return id;
}

const count = async (sql: string, id: string) => (await t.pool.query(sql, [id])).rows[0].n as number;

test("logs and step results past the retention are deleted in batches; their executions stay as pruned summaries", async () => {
  process.env.JUNCTION_RETENTION_DAYS = "14";
  const old = await seed(20, 1234);
  const oldFailed = await seed(15, 3, "failed");
  const recent = await seed(2, 10);
  const result = await pruneExecutions(t.pool, { batch: 500 });
  expect(result).toMatchObject({ logs: 1237, steps: 1237, executions: 2 });
  expect(result.batches).toBeGreaterThanOrEqual(6); // 1237 rows in batches of 500, twice
  for (const id of [old, oldFailed]) {
    expect(await count("select count(*)::int as n from execution_logs where execution_id = $1", id)).toBe(0);
    expect(await count("select count(*)::int as n from step_results where execution_id = $1", id)).toBe(0);
  }
  expect(await count("select count(*)::int as n from execution_logs where execution_id = $1", recent)).toBe(10);
  expect(await count("select count(*)::int as n from step_results where execution_id = $1", recent)).toBe(10);
  const rows = await t.pool.query("select id, status, pruned from executions order by queued_at");
  expect(rows.rows).toEqual([
    { id: old, status: "succeeded", pruned: true },
    { id: oldFailed, status: "failed", pruned: true },
    { id: recent, status: "succeeded", pruned: false },
  ]);
  // nothing left to do the second time
  expect(await pruneExecutions(t.pool)).toMatchObject({ logs: 0, steps: 0, executions: 0 });
});

test("a run still waiting for a retry is not marked pruned", async () => {
  const waiting = await seed(30, 1, "retry_pending");
  await pruneExecutions(t.pool);
  expect((await t.pool.query("select pruned from executions where id = $1", [waiting])).rows[0].pruned).toBe(false);
});

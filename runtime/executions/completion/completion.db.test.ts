import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { waitFor } from "@/test/wait-for";
import { createListener } from "@/runtime/queue/listen";
import { createCompletion } from "./completion";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const insertRun = async (status: string) =>
  (
    await t.pool.query<{ id: string }>(`insert into executions (flow_key, source, status) values ('main', 'webhook', $1) returning id`, [
      status,
    ])
  ).rows[0]!.id;

test("a run that ended while LISTEN was down (its NOTIFY heard by nobody) wakes its caller when the connection is back", async () => {
  const listener = createListener(t.url);
  try {
    const waiters = createCompletion(listener, t.pool);
    await waitFor(() => listener.connected(), { what: "LISTEN" });
    const ended = await insertRun("running");
    const stillRunning = await insertRun("running");
    const endedWait = waiters.of(ended, 20_000);
    const runningWait = waiters.of(stillRunning, 1_500);

    // the run ends without a notification, as one does while the listener's connection is gone
    await t.pool.query(`update executions set status = 'succeeded', finished_at = now() where id = $1`, [ended]);
    await t.pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'",
    );
    await waitFor(() => !listener.connected(), { what: "the lost connection" });

    expect(await endedWait).toEqual({ status: "succeeded" });
    expect(await runningWait).toBeNull(); // still running: it waits out its time
  } finally {
    await listener.close();
  }
});

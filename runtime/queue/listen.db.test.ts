import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { waitFor } from "@/test/wait-for";
import { createListener } from "./listen";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test("connected only once listening; after its connection is killed it says so, reconnects, tells onConnected and hears again", async () => {
  const listener = createListener(t.url);
  const heard: string[] = [];
  let connections = 0;
  listener.onConnected(() => connections++);
  listener.on("junction_test_probe", (payload) => heard.push(payload));
  expect(listener.connected()).toBe(false);
  try {
    await waitFor(() => listener.connected(), { what: "the first connection" });
    expect(connections).toBe(1);
    // connected means LISTEN has run: a notification sent now is heard, with no probing first
    await t.pool.query("select pg_notify('junction_test_probe', 'one')");
    await waitFor(() => heard.includes("one"), { what: "the first notification" });

    const { rows } = await t.pool.query<{ n: number }>(
      "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and query like 'listen %'",
    );
    expect(rows[0]!.n).toBe(1);
    await waitFor(() => !listener.connected(), { what: "the listener to notice its connection ended" });
    await waitFor(() => connections === 2 && listener.connected(), { what: "the reconnection" });
    await t.pool.query("select pg_notify('junction_test_probe', 'two')");
    await waitFor(() => heard.includes("two"), { what: "a notification after the reconnection" });
  } finally {
    await listener.close();
  }
});

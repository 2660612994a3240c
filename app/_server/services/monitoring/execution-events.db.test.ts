import type PgBoss from "pg-boss";
import { afterAll, beforeAll, test } from "vitest";
import { startBoss } from "@/runtime/queue/boss";
import { CHANNELS } from "@/runtime/queue/channels";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { testkitRunner } from "@/test/fixtures/test-actions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { waitFor } from "@/test/wait-for";
import { eventStreamResponse } from "./execution-events";

let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime;
beforeAll(async () => {
  t = await createTestDatabase();
  // the hub hears events through the runtime's one LISTEN connection (a web process always runs one)
  boss = await startBoss(t.url, { supervise: false });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: false, scheduler: false });
});
afterAll(async () => {
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t.drop();
});

/** the stream's event names as they arrive */
function readEvents(res: Response): { names: string[] } {
  const seen = { names: [] as string[] };
  const decoder = new TextDecoder();
  let text = "";
  const reader = res.body!.getReader();
  void (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += decoder.decode(r.value, { stream: true });
      seen.names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!);
    }
  })().catch(() => {});
  return seen;
}

test("`ready` comes only once the hub listens, so a read on it cannot miss a notified write; a reconnection sends it again", async () => {
  const id = "0b5c6f2e-8a43-4f0e-9d4e-2f1c3b7a9e10";
  const abort = new AbortController();
  const stream = readEvents(eventStreamResponse(new Request("http://localhost/", { signal: abort.signal }), runtime.events, id));
  try {
    // the hub's first connection: `ready` once LISTEN has run
    await waitFor(() => stream.names.includes("ready"), { what: "ready" });
    // anything notified after `ready` reaches the stream
    await t.pool.query("select pg_notify($1, $2)", [CHANNELS.events, id]);
    await t.pool.query("select pg_notify($1, $2)", [CHANNELS.done, `${id}:succeeded`]);
    await waitFor(() => stream.names.join() === "ready,steps,done", { what: "steps and done" });

    await t.pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'",
    );
    await waitFor(() => stream.names.join() === "ready,steps,done,ready", { what: "ready again after the reconnection" });
  } finally {
    abort.abort();
  }
});

/**
 * Rate limits end to end: webhooks through the real handler, the pg-boss queue and worker, the
 * HTTP component in the sandbox, against a local API that records when each call arrives.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createInstance } from "@/app/_server/services/instances/create-instance";
import { createCustomer } from "@/app/_server/services/customers/customers";
import { withTransaction } from "@/db/transaction";
import { enqueueInTransaction } from "@/runtime/queue/enqueue";
import { deploy } from "@/test/fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "@/test/fixtures/webhook-runtime";
import { waitFor } from "@/test/wait-for";

let h: WebhookRuntime;
let api: http.Server;
let apiUrl: string;
/** calls to /busy: the first is answered 429 with Retry-After: 2 */
const busyCalls: number[] = [];
function busy(res: http.ServerResponse) {
  busyCalls.push(performance.now());
  if (busyCalls.length === 1) res.writeHead(429, { "retry-after": "2" }).end("slow down");
  else res.writeHead(200, { "content-type": "application/json" }).end('{"done":true}');
}
/** arrival times (ms, monotonic) of calls to the local API, per API key */
const arrivals = new Map<string, number[]>();

beforeAll(async () => {
  // The guard absorbs the time between a run's start and its call to the API. On a CI machine
  // running other test files at once that time varies by more than the default 200 ms (the margin
  // measured here was ~40 ms), so the test gives the guard what such a loaded machine needs.
  process.env.JUNCTION_RATE_LIMIT_GUARD_MS = "500";
  h = await startWebhookRuntime();
  api = http.createServer((req, res) => {
    if (req.url === "/busy") return busy(res);
    const key = String(req.headers["x-api-key"] ?? "");
    arrivals.set(key, [...(arrivals.get(key) ?? []), performance.now()]);
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", () => r()));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders`;
  // A fresh worker's first runs wait together for the sandbox to load the HTTP component (~0.5 s
  // here), which bunches their calls by more than the limit's guard; one run first, as any
  // worker that has run a flow before is.
  const warm = await deploy(h.t.db, flowYaml("{ per: flow, limit: 1, intervalSeconds: 1 }"), { api: { key: "warm-up" } });
  const res = await fetch(`${h.base}/webhooks/${warm.tokens.main}`, { method: "POST", body: "{}" });
  const { executionId } = (await res.json()) as { executionId: string };
  await waitFor(
    async () => (await h.t.pool.query("select 1 from executions where id = $1 and status = 'succeeded'", [executionId])).rowCount,
    {
      timeoutMs: 30_000,
      what: "the warm-up run",
    },
  );
}, 60_000);

afterAll(async () => {
  api?.close();
  await h?.close();
});

const flowYaml = (rateLimit: string) => `definitionVersion: 1
name: Rate limited ${Math.random().toString(36).slice(2, 10)}
configPages:
  - name: Connection
    elements:
      - configVar: { key: api, label: API key, type: credential, credentialType: apiKey }
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { rateLimit: ${rateLimit} }
    steps:
      - name: Call API
        action: http.get
        inputs:
          url: { value: "${apiUrl}" }
          apiKey: { configVar: api }
`;

/** the most calls that arrived within any window of `windowMs` */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

async function statuses(ids: string[]): Promise<Record<string, number>> {
  const r = await h.t.pool.query("select status, count(*)::int as n from executions where id = any($1::uuid[]) group by status", [ids]);
  return Object.fromEntries(r.rows.map((row) => [row.status, row.n]));
}

describe("rate limits", () => {
  test("100 webhooks to two instances sharing one credential, limited to 10 calls/s per connection: at most 10 in any second, all succeed", async () => {
    const key = `key-${Math.random()}`;
    const first = await deploy(h.t.db, flowYaml("{ per: connection, limit: 10, intervalSeconds: 1 }"), { api: { key } });
    // a second customer's instance entered with the same API key: the same budget at the API
    const customer = (await createCustomer(h.t.db, { name: `Other ${Math.random()}` }))!;
    const second = await createInstance(h.t.db, {
      integrationId: first.integrationId,
      customerId: customer.id,
      configValues: { api: { key } },
    });
    const secondToken = (await h.t.pool.query("select webhook_token from instance_flows where instance_id = $1", [second.id])).rows[0]
      .webhook_token as string;

    const tokens = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? first.tokens.main! : secondToken));
    const accepted = await Promise.all(
      tokens.map(async (token, i) => {
        const res = await fetch(`${h.base}/webhooks/${token}`, { method: "POST", body: JSON.stringify({ i }) });
        expect(res.status).toBe(202);
        return ((await res.json()) as { executionId: string }).executionId;
      }),
    );

    const done = await waitFor(
      async () => {
        const s = await statuses(accepted);
        return (s.succeeded ?? 0) + (s.failed ?? 0) === 100 ? s : null;
      },
      { timeoutMs: 60_000, what: "all 100 runs to end" },
    );
    expect(done).toEqual({ succeeded: 100 });
    const times = arrivals.get(key)!;
    expect(times).toHaveLength(100);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(10);
    // the limit spreads the burst, it does not serialize it: ten at a time, about a second apart
    expect(busiestWindow(times, 1000)).toBeGreaterThanOrEqual(8);
    const waited = (
      await h.t.pool.query("select count(*)::int as n from execution_attempts where execution_id = any($1::uuid[])", [accepted])
    ).rows[0].n;
    expect(waited).toBe(100); // one attempt each: waiting for the budget is not a failed attempt
  }, 90_000);

  test("an action's 429 with Retry-After: the step's retry waits that long instead of its delayMs", async () => {
    const yaml = `definitionVersion: 1
name: Busy API ${Math.random().toString(36).slice(2, 10)}
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Call API
        action: http.get
        onError: { mode: retry, attempts: 2, delayMs: 10 }
        inputs:
          url: { value: "${apiUrl.replace("/orders", "/busy")}" }
`;
    const { tokens } = await deploy(h.t.db, yaml);
    const res = await fetch(`${h.base}/webhooks/${tokens.main}`, { method: "POST", body: "{}" });
    const { executionId } = (await res.json()) as { executionId: string };
    const row = await waitFor(
      async () =>
        (await h.t.pool.query("select status, result from executions where id = $1 and status in ('succeeded', 'failed')", [executionId]))
          .rows[0],
      { timeoutMs: 20_000, what: "the run to end" },
    );
    expect(row).toEqual({ status: "succeeded", result: { done: true } });
    expect(busyCalls).toHaveLength(2);
    expect(busyCalls[1]! - busyCalls[0]!).toBeGreaterThanOrEqual(1950);
    const logs = await h.t.pool.query("select message from execution_logs where execution_id = $1 and level = 'warn' order by id", [
      executionId,
    ]);
    expect(logs.rows.map((r) => r.message)).toContainEqual(
      expect.stringMatching(/^attempt 1 failed: HTTP 429 .*\(Retry-After: 2\).*; retrying in 2000 ms$/),
    );
  }, 60_000);

  test("a waiting run woken early (an extra job, as the sweeper or a concurrency dispatch may add) keeps its place: back to the queue, no second job", async () => {
    const { tokens, instance } = await deploy(h.t.db, flowYaml("{ per: flow, limit: 1, intervalSeconds: 3600 }"), {
      api: { key: "hourly" },
    });
    const post = async () =>
      ((await (await fetch(`${h.base}/webhooks/${tokens.main}`, { method: "POST", body: "{}" })).json()) as { executionId: string })
        .executionId;
    const first = await post();
    await waitFor(async () => (await h.t.pool.query("select 1 from executions where id = $1 and status = 'succeeded'", [first])).rowCount);
    const second = await post();
    const jobsOf = async (id: string) =>
      (
        await h.t.pool.query(
          "select state, start_after > now() + interval '50 minutes' as later from pgboss.job where data->>'executionId' = $1 and state = 'created'",
          [id],
        )
      ).rows;
    // granted an hour after the first: queued, with one job starting then
    await waitFor(async () => (await jobsOf(second)).some((j) => j.later), { what: "the run's job at its granted time" });
    expect(await jobsOf(second)).toEqual([{ state: "created", later: true }]);

    await withTransaction(h.t.pool, (client) => enqueueInTransaction(h.boss, client, [{ executionId: second }]));
    await waitFor(
      async () =>
        (await h.t.pool.query("select 1 from pgboss.job where data->>'executionId' = $1 and state = 'completed'", [second])).rowCount === 2,
      { what: "the extra job and the webhook's first job to be done" },
    );
    expect(await jobsOf(second)).toEqual([{ state: "created", later: true }]);
    const row = (await h.t.pool.query("select status, attempt from executions where id = $1", [second])).rows[0];
    expect(row).toEqual({ status: "queued", attempt: 1 });
    const attempts = await h.t.pool.query("select 1 from execution_attempts where execution_id = $1", [second]);
    expect(attempts.rowCount).toBe(0);
    expect((await h.t.pool.query("select 1 from executions where instance_id = $1 and status = 'queued'", [instance.id])).rowCount).toBe(1);
  }, 60_000);
});

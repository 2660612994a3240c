/**
 * Overload: with no worker slot free and the queue's backlog past JUNCTION_SYNC_BACKLOG_LIMIT, a
 * synchronous webhook is answered 429 with Retry-After at once (its run would only wait into the
 * timeout), an asynchronous one is still accepted, and the refusals are counted per minute.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { metricsHandler } from "@/server/web/metrics";
import { backlogRefusals } from "@/db/schema";
import { deploy } from "../fixtures/deploy";
import { codeStepFlow, startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";
import { waitFor } from "../wait-for";

let h: WebhookRuntime;
let url: string;
beforeAll(async () => {
  process.env.JUNCTION_SYNC_BACKLOG_LIMIT = "3";
  process.env.JUNCTION_SYNC_TIMEOUT_S = "1";
  // no worker: nothing leaves the queue, and no local slot takes a synchronous call
  h = await startWebhookRuntime({ worker: false });
  const { tokens } = await deploy(h.t.db, codeStepFlow("return { ok: true };", { synchronous: true }));
  url = `${h.base}/webhooks/${tokens.main}`;
});
afterAll(async () => {
  delete process.env.JUNCTION_SYNC_BACKLOG_LIMIT;
  delete process.env.JUNCTION_SYNC_TIMEOUT_S;
  await h?.close();
});

const call = (synchronous: boolean) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-junction-synchronous": String(synchronous) },
    body: "{}",
  });

it("answers a synchronous call 429 with Retry-After while the backlog is past its limit; asynchronous calls are still accepted", async () => {
  // under the limit, a synchronous call is queued and waits (here into its 1 s timeout: 202)
  expect((await call(true)).status).toBe(202);
  for (let i = 0; i < 3; i++) expect((await call(false)).status).toBe(202);

  let refused: Response | undefined;
  await waitFor(
    async () => {
      const res = await call(true);
      if (res.status === 429) refused = res;
      return res.status === 429;
    },
    { what: "a synchronous call refused once the backlog (4 queued, limit 3) is sampled", timeoutMs: 10_000, everyMs: 200 },
  );
  const retryAfter = Number(refused!.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await refused!.json()) as { error: string; queued: number };
  expect(body.error).toMatch(/queue holds \d+ runs/);
  expect(body.queued).toBeGreaterThanOrEqual(3);

  expect((await call(false)).status).toBe(202);
  await waitFor(async () => (await h.t.db.select().from(backlogRefusals)).reduce((n, r) => n + r.refused, 0) >= 1, {
    what: "the refusal counted",
  });
  expect(h.runtime.backlog.refusals()).toBeGreaterThanOrEqual(1);
}, 30_000);

it("/api/metrics shows the queue's depth, its oldest run's wait and the refusals; with JUNCTION_METRICS_TOKEN only to its bearer", async () => {
  const server = http.createServer((req, res) =>
    metricsHandler(h.runtime.backlog, req.url === "/locked" ? "s3cret-token" : undefined)(req, res),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const text = await (await fetch(`${base}/open`)).text();
    expect(Number(text.match(/^junction_queue_depth (\d+)$/m)![1])).toBeGreaterThanOrEqual(4);
    expect(Number(text.match(/^junction_oldest_queued_seconds ([\d.]+)$/m)![1])).toBeGreaterThan(0);
    expect(Number(text.match(/^junction_sync_backlog_refusals_total (\d+)$/m)![1])).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${base}/locked`)).status).toBe(401);
    expect((await fetch(`${base}/locked`, { headers: { authorization: "Bearer s3cret-toke" } })).status).toBe(401);
    expect((await fetch(`${base}/locked`, { headers: { authorization: "Bearer s3cret-token" } })).status).toBe(200);
  } finally {
    server.close();
  }
});

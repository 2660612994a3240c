import { createHmac } from "node:crypto";
import { signWebhook } from "./ingest/endpoint-security";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { loadRunResponse } from "./executions/run-response";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { importIntegration } from "@/app/_server/services/integrations/import-integration";
import { saveTestConfig } from "@/app/_server/services/executions/save-test-config";
import { getIntegration } from "@/app/_server/services/integrations/get-integration";
import { saveDraft } from "@/app/_server/services/integrations/save-draft";
import { replayExecution } from "./ingest/replay-execution";
import { startTestRun } from "./ingest/start-test-run";
import { startBoss } from "./queue/boss";
import { startRuntime, type Runtime } from "./runtime";
import { createEndpointCache } from "./ingest/endpoint-cache";
import { createIngestBatcher } from "./executions/accept-batcher";
import { createCompletion } from "./executions/completion/completion";
import { createDispatch } from "./executions/dispatch";
import { createWebhookHandler } from "./ingest/webhook-handler";
import { createListener } from "./queue/listen";

let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime;
let server: http.Server;
let base: string;

beforeAll(async () => {
  process.env.JUNCTION_MINUTE_MS = "100";
  process.env.JUNCTION_SYNC_TIMEOUT_S = "2";
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  boss = await startBoss(t.url, { supervise: false });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true, concurrency: 4 });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const flowYaml = (name: string, steps: string, execution = "") => `definitionVersion: 1
name: ${name}
flows:
  - name: Main
    trigger: { type: webhook }
${execution}
    steps:
${steps}
`;

const echoBody = `      - name: Echo
        action: testkit.echo
        inputs:
          value: { reference: trigger.results.body }`;

async function execution(id: string) {
  const r = await t.pool.query("select * from executions where id = $1", [id]);
  return r.rows[0];
}

const post = (
  token: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = { "content-type": "application/json" },
) => fetch(`${base}/webhooks/${token}`, { method: "POST", body, headers });

describe("webhooks", () => {
  test("asynchronous: 202 with the execution id after the commit, then the run completes with its step results and logs", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Async echo", echoBody));
    const res = await post(tokens.main!, JSON.stringify({ renderId: 51266, status: "complete" }));
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    expect(res.headers.get("location")).toBe(`/api/executions/${executionId}`);
    const done = await waitFor(async () => ((await execution(executionId))?.status === "succeeded" ? execution(executionId) : null));
    expect(done.result).toEqual({ renderId: 51266, status: "complete" });
    expect(done.trigger_payload.headers["content-type"]).toBe("application/json");
    const steps = await t.pool.query("select step_key, status from step_results where execution_id = $1", [executionId]);
    expect(steps.rows).toEqual([{ step_key: "echo", status: "succeeded" }]);
    const logs = await t.pool.query("select message from execution_logs where execution_id = $1", [executionId]);
    expect(logs.rows.map((r) => r.message)).toEqual([expect.stringMatching(/^echo \{.*"renderId":51266/)]);
  });

  test("synchronous: the request is held until the run ends and answered with its result; the header overrides the flow", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Sync echo", echoBody, "    execution: { synchronous: true }"));
    const res = await post(tokens.main!, JSON.stringify({ a: 1 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ a: 1 });
    const asyncRes = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-synchronous": "false" });
    expect(asyncRes.status).toBe(202);
  });

  test("synchronous Stop Execution answers with its status code, headers and body", async () => {
    const steps = `      - name: Reject
        action: stopExecution.stop
        inputs:
          statusCode: { value: 415 }
          headers: { value: { x-reason: unsupported } }
          body: { value: { error: "Unsupported Media Type" } }`;
    await insertManifest(t.db, {
      key: "stopExecution",
      version: "1.0.0",
      label: "Stop",
      actions: {
        stop: {
          key: "stop",
          label: "Stop Execution",
          structural: true,
          inputs: [
            { key: "statusCode", label: "Status", type: "number" },
            { key: "headers", label: "Headers", type: "data" },
            { key: "body", label: "Body", type: "data" },
          ],
        },
      },
    }).catch(() => {});
    const { tokens, instance } = await deploy(t.db, flowYaml("Stopper", steps));
    const res = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-synchronous": "true" });
    expect(res.status).toBe(415);
    expect(res.headers.get("x-reason")).toBe("unsupported");
    expect(await res.json()).toEqual({ error: "Unsupported Media Type" });
    // answered from the worker's own copy of the outcome: the result API, reading it back, agrees
    const [{ id }] = (await t.pool.query("select id from executions where instance_id = $1", [instance.id])).rows;
    const stored = (await loadRunResponse(t.pool, id))!;
    expect(stored.status).toBe(415);
    expect(stored.headers).toMatchObject({ "x-reason": "unsupported", "content-type": res.headers.get("content-type") });
    expect(JSON.parse(stored.body.toString())).toEqual({ error: "Unsupported Media Type" });
  });

  test("a failing synchronous run answers 500 with the execution id, the error and the step", async () => {
    const steps = `      - name: Explode
        action: testkit.fail
        inputs:
          message: { value: "the ERP is down" }`;
    const { tokens } = await deploy(t.db, flowYaml("Exploder", steps));
    const res = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-synchronous": "true" });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: "the ERP is down", step: "explode" });
  });

  test("binary bodies are kept as bytes with their content type", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Binary", echoBody));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const res = await post(tokens.main!, png, { "content-type": "image/png" });
    const { executionId } = (await res.json()) as { executionId: string };
    const row = await waitFor(async () => ((await execution(executionId))?.status === "succeeded" ? execution(executionId) : null));
    expect([...row.trigger_body]).toEqual([...png]);
    expect(row.trigger_payload.bodyContentType).toBe("image/png");
  });

  test("bad requests: invalid JSON 400, unknown token 404, disabled instance 410, over the size limit 413 — nothing enqueued", async () => {
    const { tokens, instance } = await deploy(t.db, flowYaml("Strict", echoBody));
    const before = (await t.pool.query("select count(*)::int as n from executions where instance_id = $1", [instance.id])).rows[0].n;
    const bad = await post(tokens.main!, "{not json");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await post("no-such-token", "{}")).status).toBe(404);
    const big = await fetch(`${base}/webhooks/${tokens.main}`, {
      method: "POST",
      body: new Uint8Array(26 * 1024 * 1024),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(big.status).toBe(413);
    await updateInstance(t.db, { id: instance.id, enabled: false });
    // polled with a body that is refused anyway: a valid one sent before the endpoint cache hears
    // of the change would be accepted and start a run
    await waitFor(async () => (await post(tokens.main!, "{not json")).status === 410, { what: "the disabled instance to answer 410" });
    expect((await post(tokens.main!, "{}")).status).toBe(410);
    const after = (await t.pool.query("select count(*)::int as n from executions where instance_id = $1", [instance.id])).rows[0].n;
    expect(after).toBe(before);
  });
});

describe("endpoint security", () => {
  test("an API key flow answers 401 without the right key and starts nothing; the right key is accepted", async () => {
    const { tokens, instance, endpointSecrets } = await deploy(
      t.db,
      flowYaml("Keyed", echoBody, "    execution: { endpointSecurity: apiKey }"),
    );
    expect(endpointSecrets?.apiKey).toMatch(/^jwk_/);
    expect((await post(tokens.main!, "{}")).status).toBe(401);
    const wrong = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-api-key": "jwk_wrong" });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe("the API key is wrong");
    const ok = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-api-key": endpointSecrets!.apiKey! });
    expect(ok.status).toBe(202);
    const n = (await t.pool.query("select count(*)::int as n from executions where instance_id = $1", [instance.id])).rows[0].n;
    expect(n).toBe(1);
  });

  test("an HMAC flow checks the signature of the body", async () => {
    const { tokens, endpointSecrets } = await deploy(t.db, flowYaml("Signed", echoBody, "    execution: { endpointSecurity: hmac }"));
    const body = JSON.stringify({ order: 1 });
    const secret = endpointSecrets!.hmacSecret!;
    const json = { "content-type": "application/json" };
    expect((await post(tokens.main!, body)).status).toBe(401);
    expect((await post(tokens.main!, body, { ...json, ...signWebhook(secret, "tampered") })).status).toBe(401);
    expect((await post(tokens.main!, body, { ...json, ...signWebhook(secret, body) })).status).toBe(202);
    // a captured call replayed 6 minutes later, and the body signed without a timestamp: refused
    const captured = signWebhook(secret, body, Date.now() - 6 * 60_000);
    const replay = await post(tokens.main!, body, { ...json, ...captured });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain("s away from the server's clock; at most 300 s are accepted");
    const untimed = "sha256=" + createHmac("sha256", secret).update(body).digest("hex");
    expect((await post(tokens.main!, body, { ...json, "x-junction-signature": untimed })).status).toBe(401);
  });
});

describe("retries", () => {
  test("a failed asynchronous run is retried per the flow's settings, each attempt recorded", async () => {
    const steps = `      - name: Flaky
        action: testkit.failUntil
        inputs:
          attempt: { value: 3 }`;
    const { tokens } = await deploy(
      t.db,
      flowYaml("Flaky", steps, "    execution: { retry: { maxAttempts: 3, minutesBetween: 1, exponentialBackoff: true } }"),
    );
    const res = await post(tokens.main!, "{}");
    const { executionId } = (await res.json()) as { executionId: string };
    const row = await waitFor(async () => ((await execution(executionId))?.status === "succeeded" ? execution(executionId) : null), {
      timeoutMs: 15_000,
    });
    expect(row.attempt).toBe(3);
    const attempts = await t.pool.query("select attempt, status from execution_attempts where execution_id = $1 order by attempt", [
      executionId,
    ]);
    expect(attempts.rows).toEqual([
      { attempt: 1, status: "failed" },
      { attempt: 2, status: "failed" },
      { attempt: 3, status: "succeeded" },
    ]);
  });

  test("retries exhausted: the execution is failed with the last error", async () => {
    const steps = `      - name: Always
        action: testkit.fail
        inputs:
          message: { value: "still down" }`;
    const { tokens } = await deploy(
      t.db,
      flowYaml("Always fails", steps, "    execution: { retry: { maxAttempts: 2, minutesBetween: 1 } }"),
    );
    const { executionId } = (await (await post(tokens.main!, "{}")).json()) as { executionId: string };
    const row = await waitFor(async () => ((await execution(executionId))?.status === "failed" ? execution(executionId) : null), {
      timeoutMs: 15_000,
    });
    expect(row.attempt).toBe(3);
    expect(row.error.message).toBe("still down");
  });

  test("a newer invocation with the same cancelation key cancels the older one's pending retry", async () => {
    const steps = `      - name: Always
        action: testkit.fail
        inputs:
          message: { value: "down" }`;
    const { tokens } = await deploy(
      t.db,
      flowYaml(
        "Cancelable",
        steps,
        "    execution: { retry: { maxAttempts: 5, minutesBetween: 600, cancelationKey: { reference: trigger.results.body.productId } } }",
      ),
    );
    const first = ((await (await post(tokens.main!, JSON.stringify({ productId: "abc123" }))).json()) as { executionId: string })
      .executionId;
    await waitFor(async () => (await execution(first))?.status === "retry_pending");
    const other = ((await (await post(tokens.main!, JSON.stringify({ productId: "zzz" }))).json()) as { executionId: string }).executionId;
    const second = ((await (await post(tokens.main!, JSON.stringify({ productId: "abc123" }))).json()) as { executionId: string })
      .executionId;
    const canceled = await waitFor(async () => ((await execution(first))?.status === "canceled" ? execution(first) : null));
    expect(canceled.error.message).toMatch(/newer invocation/);
    expect(canceled.error.canceledBy).toBe(second);
    await waitFor(async () => (await execution(other))?.status === "retry_pending");
    expect((await execution(other)).status).toBe("retry_pending");
  });
});

describe("synchronous calls: at once on this process's worker, or through the queue", () => {
  const nap = (ms: number) => `      - name: Nap
        action: testkit.sleep
        inputs:
          ms: { value: ${ms} }`;
  const jobsOf = async (id: string) =>
    (await t.pool.query("select count(*)::int as n from pgboss.job where data ->> 'executionId' = $1", [id])).rows[0].n;

  test("with a free worker slot here, the run starts at once without a job, recorded like any other", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Direct", echoBody, "    execution: { synchronous: true }"));
    const res = await post(tokens.main!, JSON.stringify({ b: 2 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ b: 2 });
    const id = res.headers.get("x-junction-execution-id")!;
    const row = await execution(id);
    expect(row).toMatchObject({ status: "succeeded", source: "webhook", synchronous: true, attempt: 1, result: { b: 2 } });
    expect(row.started_at).not.toBeNull();
    expect(await jobsOf(id)).toBe(0);
    const attempts = await t.pool.query("select attempt, status from execution_attempts where execution_id = $1", [id]);
    expect(attempts.rows).toEqual([{ attempt: 1, status: "succeeded" }]);
    const steps = await t.pool.query("select step_key, status from step_results where execution_id = $1", [id]);
    expect(steps.rows).toEqual([{ step_key: "echo", status: "succeeded" }]);
    const logs = await t.pool.query("select message from execution_logs where execution_id = $1", [id]);
    expect(logs.rows.map((l) => l.message)).toContain('echo {"b":2}');
  });

  test("a run started here takes the instance's config from the endpoint cache, which a reconfiguration refreshes", async () => {
    const yaml = `definitionVersion: 1
name: Configured
configPages:
  - name: Settings
    elements:
      - configVar: { key: greeting, label: Greeting, type: string }
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Echo
        action: testkit.echo
        inputs:
          value: { template: "{{configVars.greeting}}" }
`;
    const { tokens, instance } = await deploy(t.db, yaml, { greeting: "hello" });
    const greet = async () => (await post(tokens.main!, "{}")).json();
    expect(await greet()).toBe("hello");
    await updateInstance(t.db, { id: instance.id, configValues: { greeting: "bonjour" } });
    await waitFor(async () => (await greet()) === "bonjour", { what: "the new config value in a synchronous run" });
  });

  test("a run whose credentials no longer open is recorded as failed with the reason, started here or queued", async () => {
    const { tokens, instance } = await deploy(t.db, flowYaml("Sealed", echoBody));
    await t.pool.query("update instances set credentials = 'v1:not-a-sealed-value' where id = $1", [instance.id]);
    await t.pool.query("select pg_notify('junction_instances', $1)", [instance.id]);
    const direct = await waitFor(async () => {
      const res = await post(tokens.main!, "{}", { "content-type": "application/json", "x-junction-synchronous": "true" });
      return res.status === 500 ? res : null; // the endpoint cache may still hold the readable copy for a moment
    });
    const { executionId } = (await direct.json()) as { executionId: string };
    const row = await execution(executionId);
    expect(row).toMatchObject({
      status: "failed",
      synchronous: true,
      error: { message: "a stored secret is damaged: too short to be a sealed value" },
    });
    const attempts = await t.pool.query("select attempt, status from execution_attempts where execution_id = $1", [executionId]);
    expect(attempts.rows).toEqual([{ attempt: 1, status: "failed" }]);
    const queued = (await (await post(tokens.main!, "{}")).json()) as { executionId: string };
    const failed = await waitFor(async () =>
      (await execution(queued.executionId))?.status === "failed" ? execution(queued.executionId) : null,
    );
    expect(failed.error.message).toBe("a stored secret is damaged: too short to be a sealed value");
  });

  test("past JUNCTION_SYNC_TIMEOUT_S the caller gets 202 with the execution's Location, and the run goes on", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Slow sync", nap(2500), "    execution: { synchronous: true }"));
    const started = Date.now();
    const res = await post(tokens.main!, "{}");
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2400);
    const { executionId } = (await res.json()) as { executionId: string };
    expect(res.headers.get("location")).toBe(`/api/executions/${executionId}`);
    expect((await execution(executionId)).status).toBe("running");
    await waitFor(async () => (await execution(executionId))?.status === "succeeded", { timeoutMs: 10_000 });
  });

  test("with every slot busy, the call takes the next one freed, ahead of queued jobs", async () => {
    // deployed first: the call must follow the moment all four slots are seen busy, before a nap ends
    const { tokens } = await deploy(t.db, flowYaml("Waits for a slot", echoBody, "    execution: { synchronous: true }"));
    const slow = await deploy(t.db, flowYaml("Busy slots", nap(600)));
    const busy = await Promise.all(
      Array.from({ length: 6 }, () => post(slow.tokens.main!, "{}").then((r) => r.json() as Promise<{ executionId: string }>)),
    );
    await waitFor(
      async () =>
        (await t.pool.query("select count(*)::int as n from executions where instance_id = $1 and status = 'running'", [slow.instance.id]))
          .rows[0].n === 4,
    );
    const res = await post(tokens.main!, JSON.stringify({ e: 5 }));
    expect(res.status).toBe(200);
    const id = res.headers.get("x-junction-execution-id")!;
    expect(await jobsOf(id)).toBe(0);
    // the two async runs queued before it started after it
    await waitFor(async () => (await Promise.all(busy.map((b) => execution(b.executionId)))).every((r) => r.status === "succeeded"), {
      timeoutMs: 10_000,
    });
    const syncStart = (await execution(id)).started_at.getTime();
    const starts = (await Promise.all(busy.map((b) => execution(b.executionId)))).map((r) => r.started_at.getTime()).sort((a, b) => a - b);
    expect(starts.filter((s) => s > syncStart)).toHaveLength(2);
  });

  test("when no slot comes free in time, the call is queued for any worker (and past the timeout answered 202)", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Queued after waiting", echoBody, "    execution: { synchronous: true }"));
    const slow = await deploy(t.db, flowYaml("Long runs", nap(3000)));
    const busy = await Promise.all(
      Array.from({ length: 4 }, () => post(slow.tokens.main!, "{}").then((r) => r.json() as Promise<{ executionId: string }>)),
    );
    await waitFor(
      async () =>
        (await t.pool.query("select count(*)::int as n from executions where instance_id = $1 and status = 'running'", [slow.instance.id]))
          .rows[0].n === 4,
    );
    const res = await post(tokens.main!, "{}");
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    expect(await jobsOf(executionId)).toBe(1);
    await waitFor(async () => (await execution(executionId))?.status === "succeeded", { timeoutMs: 10_000 });
    await waitFor(async () => (await Promise.all(busy.map((b) => execution(b.executionId)))).every((r) => r.status === "succeeded"), {
      timeoutMs: 10_000,
    });
  });

  test("a limited flow's synchronous calls take their turn in the queue", async () => {
    const { tokens } = await deploy(
      t.db,
      flowYaml("Sequential sync", echoBody, "    execution: { synchronous: true, concurrency: { mode: sequential } }"),
    );
    const res = await post(tokens.main!, JSON.stringify({ c: 3 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ c: 3 });
    expect(await jobsOf(res.headers.get("x-junction-execution-id")!)).toBe(1);
  });

  test("at a web process without a worker, the call is queued and answered when a worker elsewhere finishes it", async () => {
    const listener = createListener(t.url);
    await waitFor(() => listener.connected(), { what: "LISTEN" });
    const completion = createCompletion(listener, t.pool);
    const handler = createWebhookHandler({
      pool: t.pool,
      endpoints: createEndpointCache(t.pool),
      dispatch: createDispatch({ batcher: createIngestBatcher({ pool: t.pool, boss }), completion }),
      completion,
    });
    const web = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => web.listen(0, "127.0.0.1", () => r()));
    try {
      const { tokens } = await deploy(t.db, flowYaml("Queued sync", echoBody, "    execution: { synchronous: true }"));
      const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/webhooks/${tokens.main}`;
      const res = await fetch(url, { method: "POST", body: JSON.stringify({ d: 4 }), headers: { "content-type": "application/json" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ d: 4 });
      const id = res.headers.get("x-junction-execution-id")!;
      expect(await jobsOf(id)).toBe(1);
      expect((await execution(id)).worker_id).toBe(runtime.worker!.id);
    } finally {
      web.close();
      await listener.close();
    }
  });
});

describe("concurrency per flow", () => {
  const sleepy = `      - name: Nap
        action: testkit.sleep
        inputs:
          ms: { value: 150 }`;

  async function runsOf(instanceId: string, n: number) {
    return waitFor(
      async () => {
        const r = await t.pool.query(
          "select queued_at, started_at, finished_at from executions where instance_id = $1 and status = 'succeeded' order by started_at",
          [instanceId],
        );
        return r.rows.length === n ? r.rows : null;
      },
      { timeoutMs: 15_000, what: `${n} runs` },
    );
  }

  /** the most runs running at one instant (a sweep over starts and ends) */
  const maxOverlap = (runs: Array<{ started_at: Date; finished_at: Date }>) => {
    const edges = runs.flatMap((r) => [
      [r.started_at.getTime(), 1],
      [r.finished_at.getTime(), -1],
    ]);
    edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!); // an end before a start at the same instant
    let now = 0;
    let max = 0;
    for (const [, d] of edges) max = Math.max(max, (now += d!));
    return max;
  };

  test("sequential: one run at a time, in arrival order", async () => {
    const { tokens, instance } = await deploy(t.db, flowYaml("Sequential", sleepy, "    execution: { concurrency: { mode: sequential } }"));
    for (let i = 0; i < 4; i++) expect((await post(tokens.main!, JSON.stringify({ i }))).status).toBe(202);
    const runs = await runsOf(instance.id, 4);
    expect(maxOverlap(runs)).toBe(1);
    const arrival = [...runs].sort((a, b) => a.queued_at - b.queued_at);
    expect(runs.map((r) => r.queued_at.getTime())).toEqual(arrival.map((r) => r.queued_at.getTime()));
  });

  test("throttled to 2: never more than two at once", async () => {
    const { tokens, instance } = await deploy(
      t.db,
      flowYaml("Throttled", sleepy, "    execution: { concurrency: { mode: throttled, limit: 2 } }"),
    );
    await Promise.all(Array.from({ length: 6 }, (_, i) => post(tokens.main!, JSON.stringify({ i }))));
    const runs = await runsOf(instance.id, 6);
    expect(maxOverlap(runs)).toBe(2);
  });
});

describe("replays and test runs", () => {
  test("replay runs the same payload again as a new execution linked to the old", async () => {
    const { tokens } = await deploy(t.db, flowYaml("Replayable", echoBody));
    const { executionId } = (await (await post(tokens.main!, JSON.stringify({ n: 7 }))).json()) as { executionId: string };
    await waitFor(async () => (await execution(executionId))?.status === "succeeded");
    const replay = await replayExecution(t.pool, runtime.batcher, { executionId });
    const row = await waitFor(async () => ((await execution(replay.id))?.status === "succeeded" ? execution(replay.id) : null));
    expect(row.replay_of).toBe(executionId);
    expect(row.source).toBe("replay");
    expect(row.result).toEqual({ n: 7 });
  });

  test("a test run executes the draft with the integration's test config values", async () => {
    const yaml = `definitionVersion: 1
name: Draft only
configPages:
  - name: Settings
    elements:
      - configVar: { key: greeting, label: Greeting, type: string }
      - configVar: { key: login, label: Login, type: credential, credentialType: basic }
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Greet
        action: testkit.echo
        inputs:
          value: { template: "{{configVars.greeting}}, {{trigger.results.body.name}} ({{configVars.login.username}})" }
`;
    const { id: integrationId } = await importIntegration(t.db, { yaml, userId: null });
    await saveTestConfig(t.db, { integrationId, values: { greeting: "Hello", login: { username: "bob", password: "s3cret" } } });
    const run = await startTestRun(t.pool, runtime.batcher, {
      integrationId,
      body: { name: "Ada" },
      headers: { "X-Shop": "acme", Authorization: "Bearer s3cret-token" },
    });
    const row = await waitFor(async () => ((await execution(run.id))?.status === "succeeded" ? execution(run.id) : null));
    expect(row.is_test).toBe(true);
    expect(row.result).toBe("Hello, Ada (bob)");
    // the payload becomes the flow's sample for the designer's data picker, without what may authenticate
    const { samplePayloads } = await getIntegration(t.db, integrationId);
    expect(samplePayloads).toEqual({
      main: { body: { name: "Ada" }, headers: { "x-shop": "acme", authorization: "[redacted]" }, query: {} },
    });
  });

  test("a test run of a draft with problems is refused first, each problem in words", async () => {
    const { id: integrationId } = await importIntegration(t.db, {
      yaml: `definitionVersion: 1
name: Draft with problems
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Greet
        action: testkit.echo
        inputs: { value: { value: 1 } }
`,
      userId: null,
    });
    const draft = (await getIntegration(t.db, integrationId)).draft;
    draft.configPages = [{ name: "Settings", elements: [{ configVar: { key: "bad key!", label: "Shop URL", type: "string" } }] }];
    draft.flows[0]!.steps[0]!.inputs = { value: { reference: "fetchUsers.results" } };
    const saved = await saveDraft(t.db, { id: integrationId, definition: draft });
    expect(saved.problems.map((p) => p.message)).toEqual([
      "must be an identifier (letters, digits, _; not starting with a digit)",
      'unknown reference "fetchUsers"',
    ]);
    expect((await getIntegration(t.db, integrationId)).draft.configPages?.[0]?.elements).toHaveLength(1);
    await expect(startTestRun(t.pool, runtime.batcher, { integrationId, body: {} })).rejects.toThrow(
      'This draft has 2 problems; fix them before testing:\n- Config variable "Shop URL", key "bad key!": must be an identifier (letters, digits, _; not starting with a digit)\n- Step "Greet", input "value": unknown reference "fetchUsers"',
    );
    draft.configPages[0]!.elements[0] = { configVar: { key: "shopUrl", label: "Shop URL", type: "string" } };
    await saveDraft(t.db, { id: integrationId, definition: draft });
    await expect(startTestRun(t.pool, runtime.batcher, { integrationId, body: {} })).rejects.toThrow(
      'This draft has 1 problem; fix it before testing:\n- Step "Greet", input "value": unknown reference "fetchUsers"',
    );
  });
});

/**
 * Alert monitors end to end against PostgreSQL: real webhooks, the real worker and leader, a
 * local HTTP receiver for webhook destinations. Each condition, the quiet period, webhook retries
 * with backoff (pg-boss jobs), and the instance-level checks.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { publicUrl } from "../config/public-url";
import { startBoss } from "../queue/boss";
import { startRuntime, type Runtime } from "../runtime";
import { checkOverdue } from "./check-instances";
import type { Condition, Destination } from "./monitor-schema";

let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime;
let server: http.Server;
let base: string;

beforeAll(async () => {
  // the receivers are local servers; the network guard refuses them otherwise (test/hostile/alerts.db.test.ts)
  process.env.JUNCTION_ALLOW_PRIVATE_NETWORK = "true";
  process.env.JUNCTION_MINUTE_MS = "100";
  process.env.JUNCTION_ALERT_WEBHOOK_BACKOFF_MS = "50";
  process.env.JUNCTION_ALERT_WEBHOOK_ATTEMPTS = "3";
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  boss = await startBoss(t.url, { supervise: false });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true, concurrency: 4 });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await waitFor(() => runtime.scheduler?.isLeader(), { what: "leadership" });
});

afterAll(async () => {
  server?.close();
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const flow = (name: string, steps: string, execution = "") => `definitionVersion: 1
name: ${name} ${Math.random().toString(36).slice(2, 8)}
flows:
  - name: Main
    trigger: { type: webhook }
${execution}
    steps:
${steps}
`;
const failStep = `      - name: Explode
        action: testkit.fail
        inputs:
          message: { value: "the ERP is down" }`;
const echoStep = `      - name: Echo
        action: testkit.echo
        inputs:
          value: { value: hello }`;
const sleepStep = `      - name: Nap
        action: testkit.sleep
        inputs:
          ms: { value: 1100 }`;

const deps = () => ({ pool: t.pool, boss });

async function monitor(
  instanceId: string,
  conditions: Condition[],
  destinations: Destination[] = [{ kind: "feed" }],
  quietPeriodMinutes = 0,
) {
  const r = await t.pool.query(
    `insert into alert_monitors (name, instance_id, conditions, destinations, quiet_period_minutes) values ($1, $2, $3, $4, $5) returning id`,
    [`monitor ${Math.random()}`, instanceId, JSON.stringify(conditions), JSON.stringify(destinations), quietPeriodMinutes],
  );
  return r.rows[0].id as string;
}

async function run(token: string): Promise<string> {
  const res = await fetch(`${base}/webhooks/${token}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  return ((await res.json()) as { executionId: string }).executionId;
}

async function finished(id: string, status = "succeeded|failed") {
  await waitFor(async () =>
    new RegExp(`^(${status})$`).test((await t.pool.query("select status from executions where id = $1", [id])).rows[0]?.status),
  );
  await runtime.alerts.evaluated(id);
}

const eventsOf = async (monitorId: string) =>
  (await t.pool.query("select * from alert_events where monitor_id = $1 order by created_at", [monitorId])).rows;

describe("conditions after a run", () => {
  test("execution failed: one event naming the instance, the flow and the error; a success raises none", async () => {
    const bad = await deploy(t.db, flow("Failing", failStep));
    const m = await monitor(bad.instance.id, [{ kind: "executionFailed" }]);
    const id = await run(bad.tokens.main!);
    await finished(id);
    const events = await eventsOf(m);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ condition: "executionFailed", execution_id: id, instance_id: bad.instance.id });
    // the flow by the name the designer shows
    expect(events[0].message).toMatch(/ · Main: failed — the ERP is down$/);
    expect(events[0].deliveries).toEqual([{ kind: "feed", status: "delivered", attempts: 0 }]);

    const good = await deploy(t.db, flow("Fine", echoStep));
    const m2 = await monitor(good.instance.id, [{ kind: "executionFailed" }]);
    await finished(await run(good.tokens.main!));
    expect(await eventsOf(m2)).toHaveLength(0);
  });

  test("retry pending on each failed attempt, retries exhausted on the last", async () => {
    const d = await deploy(t.db, flow("Retrying", failStep, "    execution: { retry: { maxAttempts: 1, minutesBetween: 1 } }"));
    const pending = await monitor(d.instance.id, [{ kind: "retryPending" }]);
    const exhausted = await monitor(d.instance.id, [{ kind: "retriesExhausted" }]);
    const id = await run(d.tokens.main!);
    await finished(id, "failed");
    await waitFor(async () => (await eventsOf(pending)).length === 1 && (await eventsOf(exhausted)).length === 1);
    expect((await eventsOf(pending))[0].message).toMatch(/attempt 1 failed, a retry is pending/);
    expect((await eventsOf(exhausted))[0].message).toMatch(/failed after 2 attempts/);
  });

  test("duration at or over N seconds", async () => {
    const d = await deploy(t.db, flow("Slow", sleepStep));
    const slow = await monitor(d.instance.id, [{ kind: "durationOver", seconds: 1 }]);
    const lenient = await monitor(d.instance.id, [{ kind: "durationOver", seconds: 60 }]);
    await finished(await run(d.tokens.main!));
    expect((await eventsOf(slow))[0]).toMatchObject({ condition: "durationOver" });
    expect(await eventsOf(lenient)).toHaveLength(0);
  });

  test("a log line at or above a level", async () => {
    const d = await deploy(t.db, flow("Chatty", echoStep));
    const info = await monitor(d.instance.id, [{ kind: "logLevel", level: "info" }]);
    const warn = await monitor(d.instance.id, [{ kind: "logLevel", level: "warn" }]);
    await finished(await run(d.tokens.main!));
    expect((await eventsOf(info))[0].message).toMatch(/logged at level info/);
    expect(await eventsOf(warn)).toHaveLength(0);
  });

  test("one event per execution and monitor, however many of its conditions match", async () => {
    const d = await deploy(t.db, flow("Doubly bad", failStep));
    const m = await monitor(d.instance.id, [{ kind: "executionFailed" }, { kind: "durationOver", seconds: 0.001 }]);
    await finished(await run(d.tokens.main!));
    const events = await eventsOf(m);
    expect(events).toHaveLength(1);
    expect(events[0].details.conditions.map((c: { kind: string }) => c.kind)).toEqual(["executionFailed", "durationOver"]);
  });

  test("test runs never alert", async () => {
    const d = await deploy(t.db, flow("Tested", failStep));
    const m = await monitor(d.instance.id, [{ kind: "executionFailed" }]);
    await t.pool.query("update executions set is_test = true where instance_id = $1", [d.instance.id]);
    const { evaluateExecution } = await import("./evaluate-execution");
    const id = await run(d.tokens.main!);
    await finished(id);
    await t.pool.query("update executions set is_test = true where id = $1", [id]);
    await t.pool.query("delete from alert_events where monitor_id = $1", [m]);
    expect(await evaluateExecution(deps(), id)).toEqual([]);
  });

  test("a run that ended while the leader's LISTEN connection was down is evaluated when it is back", async () => {
    const d = await deploy(t.db, flow("Unheard", failStep));
    const m = await monitor(d.instance.id, [{ kind: "executionFailed" }]);
    // a run another process finished while this one's connection was gone: its NOTIFY reached nobody
    const { rows } = await t.pool.query(
      `insert into executions (instance_id, integration_id, customer_id, flow_key, source, status, error, finished_at)
       select id, integration_id, customer_id, 'main', 'webhook', 'failed', '{"message":"nobody heard"}', now() from instances where id = $1
       returning id`,
      [d.instance.id],
    );
    const id = rows[0].id as string;
    await t.pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'",
    );
    await runtime.alerts.evaluated(id);
    const events = await eventsOf(m);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ condition: "executionFailed", execution_id: id });
    expect(events[0].message).toMatch(/nobody heard/);
  });
});

describe("quiet period", () => {
  test("a second failure within the quiet period raises nothing; without one it raises again", async () => {
    const d = await deploy(t.db, flow("Flapping", failStep));
    const quiet = await monitor(d.instance.id, [{ kind: "executionFailed" }], [{ kind: "feed" }], 30);
    const loud = await monitor(d.instance.id, [{ kind: "executionFailed" }], [{ kind: "feed" }], 0);
    await finished(await run(d.tokens.main!));
    await finished(await run(d.tokens.main!));
    expect(await eventsOf(quiet)).toHaveLength(1);
    expect(await eventsOf(loud)).toHaveLength(2);
    // once the quiet period is over, the next failure alerts again
    await t.pool.query("update alert_events set created_at = now() - interval '31 minutes' where monitor_id = $1", [quiet]);
    await finished(await run(d.tokens.main!));
    expect(await eventsOf(quiet)).toHaveLength(2);
  });
});

describe("instance conditions", () => {
  test("overdue: one event per silence, none for an instance that ran recently", async () => {
    const d = await deploy(t.db, flow("Quiet", echoStep));
    const m = await monitor(d.instance.id, [{ kind: "overdue", minutes: 5 }]);
    expect((await checkOverdue(deps())).filter((e) => e.context.monitor.id === m)).toHaveLength(0);
    await t.pool.query("update instances set created_at = now() - interval '10 minutes' where id = $1", [d.instance.id]);
    const raised = (await checkOverdue(deps())).filter((e) => e.context.monitor.id === m);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.context.event.message).toMatch(/no run for 5 minutes/);
    // about no run: the link is the instance's page
    expect(raised[0]!.context).toMatchObject({ url: `${publicUrl()}/instances/${d.instance.id}`, execution: null, flow: null });
    expect((await checkOverdue(deps())).filter((e) => e.context.monitor.id === m)).toHaveLength(0);
    // a run ends the silence; the next silence alerts again
    await t.pool.query("update alert_events set created_at = now() - interval '8 minutes' where monitor_id = $1", [m]);
    await finished(await run(d.tokens.main!));
    await t.pool.query("update executions set queued_at = now() - interval '6 minutes' where instance_id = $1", [d.instance.id]);
    expect((await checkOverdue(deps())).filter((e) => e.context.monitor.id === m)).toHaveLength(1);
  });

  test("instance disabled: the leader hears the change and raises one event", async () => {
    const d = await deploy(t.db, flow("Switched off", echoStep));
    const m = await monitor(d.instance.id, [{ kind: "instanceDisabled" }]);
    await updateInstance(t.db, { id: d.instance.id, name: "renamed" });
    await updateInstance(t.db, { id: d.instance.id, enabled: false });
    await waitFor(async () => (await eventsOf(m)).length === 1, { what: "the disabled event" });
    await runtime.alerts.idle();
    expect((await eventsOf(m))[0].message).toBe("renamed was disabled");
  });
});

describe("webhook destinations", () => {
  async function receiver(failFirst: number) {
    const hits: { at: number; body: string; headers: http.IncomingHttpHeaders }[] = [];
    const s = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        hits.push({ at: Date.now(), body, headers: req.headers });
        res.writeHead(hits.length <= failFirst ? 503 : 200).end();
      });
    });
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
    return { hits, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`, close: () => s.close() };
  }

  test("retried with backoff until the receiver answers, the template rendered, recorded as delivered", async () => {
    const r = await receiver(2);
    const d = await deploy(t.db, flow("Hooked", failStep));
    const m = await monitor(
      d.instance.id,
      [{ kind: "executionFailed" }],
      [
        { kind: "feed" },
        {
          kind: "webhook",
          url: r.url,
          headers: { "x-team": "ops" },
          template: '{"text": "{{monitor.name}}: {{execution.id}} {{execution.error}}", "quoted": "{{event.message}}"}',
        },
      ],
    );
    const id = await run(d.tokens.main!);
    await finished(id);
    await waitFor(async () => (await eventsOf(m))[0]?.deliveries[1].status === "delivered", { what: "the webhook delivered" });
    expect(r.hits).toHaveLength(3);
    expect(r.hits[1]!.at - r.hits[0]!.at).toBeGreaterThanOrEqual(45);
    expect(r.hits[2]!.at - r.hits[1]!.at).toBeGreaterThanOrEqual(190); // 4× the first backoff
    const body = JSON.parse(r.hits[2]!.body);
    expect(body.text).toMatch(new RegExp(`: ${id} the ERP is down$`));
    expect(r.hits[2]!.headers["x-team"]).toBe("ops");
    const [event] = await eventsOf(m);
    expect(event.deliveries[1]).toMatchObject({ kind: "webhook", status: "delivered", attempts: 3, target: r.url });
    r.close();
  });

  test("a receiver that never answers well: recorded as failed with its last error; the run was not held up", async () => {
    const r = await receiver(100);
    const d = await deploy(t.db, flow("Unheard", failStep));
    const m = await monitor(d.instance.id, [{ kind: "executionFailed" }], [{ kind: "webhook", url: r.url }]);
    const id = await run(d.tokens.main!);
    await finished(id);
    await waitFor(async () => (await eventsOf(m))[0]?.deliveries[0].status === "failed", { what: "the webhook given up" });
    expect(r.hits).toHaveLength(3);
    // the whole context: a link to the run, and the instance, customer and flow by id (or key) and name
    const runUrl = `${publicUrl()}/monitoring/executions/${id}`;
    expect(JSON.parse(r.hits[0]!.body)).toMatchObject({
      url: runUrl,
      execution: { id, status: "failed", url: runUrl, flow: "main", flowName: "Main" },
      flow: { key: "main", name: "Main" },
      instance: { id: d.instance.id, name: d.instance.name },
      customer: { id: d.customerId, name: expect.any(String) },
      integration: { id: d.integrationId },
      monitor: { id: m },
    });
    const [event] = await eventsOf(m);
    expect(event.deliveries[0]).toMatchObject({ status: "failed", attempts: 3, lastError: "HTTP 503" });
    const e = (await t.pool.query("select finished_at from executions where id = $1", [id])).rows[0];
    expect(new Date(event.created_at).getTime()).toBeGreaterThanOrEqual(new Date(e.finished_at).getTime() - 5);
    r.close();
  });
});

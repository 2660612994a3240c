/**
 * Hostile tenants, disabling: an instance disabled because it misbehaves (or its customer left)
 * stops at once — its queued runs, pending retries and replays end `canceled` with the reason, a
 * run accepted meanwhile by a process with a stale cache is canceled when claimed, none of their
 * steps run, and it cannot be replayed until enabled.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { updateInstance } from "@/app/_server/services/instances/update-instance";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { replayExecution } from "@/runtime/ingest/replay-execution";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import type { TestDatabase } from "../db";
import { codeIntegrationYaml } from "../fixtures/code-integration";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";
import { waitFor } from "../wait-for";

let h: WebhookRuntime;
let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let base: string;
let web: Runtime;

beforeAll(async () => {
  h = await startWebhookRuntime({ worker: false });
  ({ t, boss, runner, base, runtime: web } = h);
});

afterAll(async () => {
  await h?.close();
});

const statuses = async (ids: string[]) =>
  (await t.pool.query("select id, status, error->>'message' as message from executions where id = any($1::uuid[])", [ids])).rows.sort(
    (a, b) => ids.indexOf(a.id) - ids.indexOf(b.id),
  );

test("disabling cancels queued runs, pending retries and late arrivals with the reason; none of them runs; replay is refused", async () => {
  const { instance, tokens } = await deploy(t.db, codeIntegrationYaml(`Disable ${Math.random().toString(36).slice(2, 8)}`));
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}/webhooks/${tokens.main}`, {
      method: "POST",
      body: JSON.stringify({ i }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(202);
    ids.push(((await res.json()) as { executionId: string }).executionId);
  }
  // one of them failed once and waits for its retry
  await t.pool.query("update executions set status = 'retry_pending' where id = $1", [ids[0]]);

  await updateInstance(t.db, { id: instance.id, enabled: false });
  expect(await statuses(ids)).toEqual(ids.map((id) => ({ id, status: "canceled", message: "canceled: the instance was disabled" })));

  // accepted by a process whose endpoint cache had not heard of the disabling yet
  const late = crypto.randomUUID();
  const row = (await t.pool.query("select integration_id, version_id, customer_id from instances where id = $1", [instance.id])).rows[0];
  await web.batcher.add({
    id: late,
    instanceId: instance.id,
    integrationId: row.integration_id,
    versionId: row.version_id,
    customerId: row.customer_id,
    flowKey: "main",
    source: "webhook",
    triggerPayload: {},
  });

  const worker = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  try {
    await waitFor(async () => (await statuses([late]))[0].status === "canceled");
    expect((await statuses([late]))[0].message).toBe("canceled: the instance was disabled");
  } finally {
    await worker.stop();
  }
  const steps = await t.pool.query("select count(*)::int as n from step_results where execution_id = any($1::uuid[])", [[...ids, late]]);
  expect(steps.rows[0].n).toBe(0);
  await expect(replayExecution(t.pool, web.batcher, { executionId: ids[1]! })).rejects.toThrow(
    "the instance is disabled: enable it to replay its runs",
  );
});

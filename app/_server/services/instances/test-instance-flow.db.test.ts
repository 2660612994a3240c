/**
 * "Test a flow" on an instance: a real run on the worker with the instance's version and config,
 * marked as a test, so it stays out of what counts live runs (the instance's last status, the
 * live executions list, failure rates and alerts all read `not is_test`).
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { getExecution, getExecutionDetail } from "../executions/get-execution";
import { listExecutions } from "../executions/list-executions";
import { updateInstance } from "./update-instance";
import { testInstanceFlow } from "./test-instance-flow";

let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  boss = await startBoss(t.url, { supervise: false });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true, concurrency: 2 });
});

afterAll(async () => {
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const yaml = `definitionVersion: 1
name: Instance Test
configPages:
  - name: Options
    elements:
      - configVar: { key: region, label: Region, type: string, required: true }
flows:
  - name: Echo region
    trigger: { type: webhook }
    steps:
      - name: Echo
        action: testkit.echo
        inputs:
          value: { configVar: region }
  - name: Echo type
    trigger: { type: webhook }
    steps:
      - name: Echo content type
        action: testkit.echo
        inputs:
          value: { reference: trigger.results.body.contentType }
  - name: Always fails
    trigger: { type: webhook }
    steps:
      - name: Fail
        action: testkit.fail
        inputs:
          message: { value: "the shop said no" }
`;

const finished = (id: string) =>
  waitFor(async () => {
    const e = await getExecution(t.db, id);
    return e.status === "succeeded" || e.status === "failed" ? e : null;
  });

test("a test of an instance's flow runs its version with its config, as a test execution kept out of live runs", async () => {
  const { instance } = await deploy(t.db, yaml, { region: "eu-west" });

  const ok = await finished(
    (await testInstanceFlow(t.db, runtime.batcher, { instanceId: instance.id, flow: "echoRegion", body: { a: 1 } })).id,
  );
  expect(ok).toMatchObject({
    status: "succeeded",
    isTest: true,
    source: "test",
    instanceId: instance.id,
    customerId: instance.customer.id,
  });
  expect((await getExecutionDetail(t.db, ok.id)).result).toBe("eu-west");

  const failed = await finished((await testInstanceFlow(t.db, runtime.batcher, { instanceId: instance.id, flow: "alwaysFails" })).id);
  expect(failed).toMatchObject({
    status: "failed",
    isTest: true,
    attempt: 1,
    error: { message: expect.stringContaining("the shop said no") },
  });

  // live views read live runs only
  expect((await listExecutions(t.db, { instanceId: instance.id, isTest: false })).items).toEqual([]);
  expect((await listExecutions(t.db, { instanceId: instance.id, isTest: true })).items).toHaveLength(2);

  await expect(testInstanceFlow(t.db, runtime.batcher, { instanceId: instance.id, flow: "nope" })).rejects.toThrow(
    'This instance has no flow "nope".',
  );
  await updateInstance(t.db, { id: instance.id, enabled: false });
  await expect(testInstanceFlow(t.db, runtime.batcher, { instanceId: instance.id, flow: "echoRegion" })).rejects.toThrow(
    "This instance is disabled: enable it to test its flows.",
  );
});

test("a test of an instance's flow takes a file's bytes with their type, and headers", async () => {
  const { instance } = await deploy(t.db, yaml.replace("name: Instance Test", "name: Instance Test with files"), { region: "eu-west" });
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
  const { id } = await testInstanceFlow(t.db, runtime.batcher, {
    instanceId: instance.id,
    flow: "echoType",
    binary: { contentType: "application/pdf", data: pdf },
    headers: { "X-Source": "erp" },
  });
  const run = await finished(id);
  expect((await getExecutionDetail(t.db, run.id)).result).toBe("application/pdf");
  const row = (await t.pool.query("select trigger_body, trigger_payload from executions where id = $1", [id])).rows[0];
  expect(Buffer.compare(row.trigger_body, pdf)).toBe(0);
  expect(row.trigger_payload.headers).toMatchObject({ "content-type": "application/pdf", "x-source": "erp" });
});

/**
 * The S3 connector installed from its folder, a flow "new object in S3 → read it" deployed with a
 * connection config variable, polled through the runtime against s3rver: objects there before the
 * first poll are skipped, each new one runs the flow once, and the step reads the object the
 * trigger reported.
 */
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installComponent } from "@/components-registry/store/install-component";
import { startS3rver, type RunningS3 } from "@/components-registry/connectors/s3/test-support/s3-server";
import { invocation } from "@/components-registry/test-support/invocation";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import { startRuntime, type Runtime } from "../runtime";
import { runPoll } from "./run-poll";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let s3: RunningS3;

beforeAll(async () => {
  t = await createTestDatabase();
  await installComponent(t.db, { path: join(process.cwd(), "components-registry/connectors/s3") });
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db), network: { allowedHosts: ["127.0.0.1"] } });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  s3 = await startS3rver({ buckets: ["incoming"] });
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await runner?.close();
  await s3?.stop();
  await t?.drop();
});

const definition = `definitionVersion: 1
name: New files ${randomUUID()}
configPages:
  - name: Storage
    elements:
      - configVar: { key: s3, label: S3, type: credential, credentialType: connection, connection: { component: amazonS3, key: accessKey } }
flows:
  - name: New files
    trigger:
      type: component
      component: amazonS3
      trigger: newObjects
      inputs: { connection: { configVar: s3 }, bucket: { value: incoming }, prefix: { value: "in/" } }
      schedule: { every: 10000, unit: minutes }
    steps:
      - name: Read it
        action: amazonS3.getObject
        inputs:
          connection: { configVar: s3 }
          bucket: { reference: trigger.results.body.bucket }
          key: { reference: trigger.results.body.key }
`;

const put = (key: string, content: string) =>
  runner.run(invocation("amazonS3", "putObject", { connection: s3.connection, bucket: "incoming", key, content }));

describe("S3 new objects in a flow", () => {
  test("each object added after the first poll runs the flow once; its step reads the object", async () => {
    await put("in/before.txt", "was there");
    const { instance, integrationId } = await deploy(t.db, definition, { s3: s3.connection });
    const version = (await t.pool.query("select component_versions from integration_versions where integration_id = $1", [integrationId]))
      .rows[0];
    expect(version.component_versions).toEqual({ amazonS3: "1.0.0" });
    const poll = (slot: number) =>
      runPoll(
        { pool: t.pool, boss, runner, accepted: () => runtime.worker?.wake() },
        { instanceId: instance.id, flowKey: "newFiles", slot },
      );

    expect(await poll(1)).toMatchObject({ status: "polled", executionIds: [] });
    await put("in/a.txt", "alpha");
    await put("in/b.txt", "beta");
    await put("elsewhere.txt", "not under the prefix");
    const second = await poll(2);
    expect(second).toMatchObject({ status: "polled" });
    expect((second as { executionIds: string[] }).executionIds).toHaveLength(2);
    expect(await poll(3)).toMatchObject({ status: "polled", executionIds: [] });

    const rows = await waitFor(
      async () => {
        const r = await t.pool.query(
          `select s.result from executions e join step_results s on s.execution_id = e.id
            where e.instance_id = $1 and e.status = 'succeeded' order by e.trigger_payload->'body'->>'key'`,
          [instance.id],
        );
        return r.rows.length === 2 ? r.rows : null;
      },
      { what: "two runs", timeoutMs: 15_000 },
    );
    expect(rows.map((r) => [r.result.key, r.result.body])).toEqual([
      ["in/a.txt", "alpha"],
      ["in/b.txt", "beta"],
    ]);
  }, 60_000);
});

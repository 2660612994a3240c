/**
 * What the monitoring screens read about a run, from a real run on the worker: a failed run has no
 * result, its steps come back in the order they ran (the same every time, a branch before the step
 * inside it, iterations under their loop), its logs name the failing step, and the flow and steps
 * are named as the designer names them — for live runs and test runs.
 */
import http from "node:http";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { builtinPackageDirs, installBuiltins } from "@/components-registry/store/install-builtins";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { insertManifest } from "@/test/fixtures/components";
import { deploy } from "@/test/fixtures/deploy";
import { testkitManifest, testkitRunner } from "@/test/fixtures/test-actions";
import { waitFor } from "@/test/wait-for";
import { startTestRun } from "@/runtime/ingest/start-test-run";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { importIntegration } from "../integrations/import-integration";
import { getExecutionOutline } from "./execution-outline";
import { getExecution, getExecutionDetail } from "./get-execution";
import { listExecutions } from "./list-executions";

let t: TestDatabase;
let boss: PgBoss;
let runtime: Runtime;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertManifest(t.db, testkitManifest);
  await installBuiltins(
    t.db,
    builtinPackageDirs().filter((dir) => /\/(branch|loop)$/.test(dir)),
  );
  boss = await startBoss(t.url, { supervise: false });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner: testkitRunner, worker: true, concurrency: 2 });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.close();
  await runtime?.stop();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const yaml = (name: string) => `definitionVersion: 1
name: ${name}
flows:
  - name: Sync users
    trigger: { type: webhook }
    steps:
      - name: Fetch users
        action: testkit.echo
        inputs:
          value: { value: [1, 2] }
      - name: Route by kind
        action: branch.branchOnValue
        inputs:
          value: { value: a }
        branches:
          - name: Kind A
            when: a
            steps:
              - name: Note kind A
                action: testkit.echo
                inputs:
                  value: { value: a }
      - name: Each user
        action: loop.loopOverItems
        inputs:
          items: { reference: fetchUsers.results }
        steps:
          - name: Price user
            action: testkit.echo
            inputs:
              value: { reference: eachUser.currentItem }
      - name: Push to ERP
        action: testkit.fail
        inputs:
          message: { value: ERP rejected the batch }
`;

const RUN_ORDER = ["fetchUsers", "routeByKind", "noteKindA", "eachUser", "priceUser#0", "priceUser#1", "pushToErp"];

async function ended(id: string) {
  return waitFor(async () => {
    const e = await getExecution(t.db, id);
    return e.status === "failed" ? e : null;
  });
}

const order = async (id: string) =>
  (await getExecutionDetail(t.db, id)).steps.map((s) => `${s.stepKey}${s.iteration?.length ? `#${s.iteration.join(".")}` : ""}`);

test("a failed live run: no result, steps in the order they ran every time, an ERROR line naming the step, names from the version", async () => {
  const d = await deploy(t.db, yaml(`Names ${Math.random().toString(36).slice(2, 8)}`));
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}/webhooks/${d.tokens.syncUsers}`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    ids.push(((await res.json()) as { executionId: string }).executionId);
  }
  for (const id of ids) {
    await ended(id);
    const detail = await getExecutionDetail(t.db, id);
    // the last step that succeeded ("Price user") is not the run's result
    expect(detail.result).toBeNull();
    expect(detail.resultMeta).toBeNull();
    expect(await order(id)).toEqual(RUN_ORDER);
    expect(detail.logs.filter((l) => l.level === "error").map((l) => [l.stepKey, l.message])).toEqual([
      ["pushToErp", 'Step "Push to ERP" failed: ERP rejected the batch'],
    ]);
  }

  expect(await getExecutionOutline(t.db, ids[0]!)).toEqual({
    flow: { key: "syncUsers", name: "Sync users" },
    steps: [
      { key: "fetchUsers", name: "Fetch users", action: "testkit.echo", depth: 0 },
      { key: "routeByKind", name: "Route by kind", action: "branch.branchOnValue", depth: 0 },
      { key: "noteKindA", name: "Note kind A", action: "testkit.echo", depth: 1 },
      { key: "eachUser", name: "Each user", action: "loop.loopOverItems", depth: 0 },
      { key: "priceUser", name: "Price user", action: "testkit.echo", depth: 1 },
      { key: "pushToErp", name: "Push to ERP", action: "testkit.fail", depth: 0 },
    ],
  });
  const list = await listExecutions(t.db, { instanceId: d.instance.id });
  expect(list.items.map((r) => [r.flow, r.flowName])).toEqual(ids.map(() => ["syncUsers", "Sync users"]));
  // the list's flow filter takes the name a person knows, or the key
  for (const flow of ["Sync users", "syncUsers"])
    expect((await listExecutions(t.db, { instanceId: d.instance.id, flow })).items).toHaveLength(3);
  expect((await listExecutions(t.db, { instanceId: d.instance.id, flow: "Sync orders" })).items).toHaveLength(0);
});

test("a test run is named from the draft it ran", async () => {
  const { id: integrationId } = await importIntegration(t.db, {
    yaml: yaml(`Draft names ${Math.random().toString(36).slice(2, 8)}`),
    userId: null,
  });
  const run = await startTestRun(t.pool, runtime.batcher, { integrationId, body: {} });
  await ended(run.id);
  expect(await order(run.id)).toEqual(RUN_ORDER);
  expect((await getExecutionOutline(t.db, run.id)).flow).toEqual({ key: "syncUsers", name: "Sync users" });
  const list = await listExecutions(t.db, { integrationId, isTest: true });
  expect(list.items.map((r) => [r.flow, r.flowName])).toEqual([["syncUsers", "Sync users"]]);
});

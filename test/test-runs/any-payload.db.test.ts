/**
 * Test runs with any payload (issue 18): a PDF sent by `junction integrations:test --payload
 * file.pdf` and posted to the draft's test webhook reaches the code step byte for byte; the test
 * URL runs the draft, answers a synchronous flow with its result, and stops working once rotated.
 * Real parts: the CLI against the API, pg-boss, the worker and the code step in isolated-vm.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { importIntegration } from "@/app/_server/services/integrations/import-integration";
import { rotateTestWebhook, testWebhook } from "@/app/_server/services/integrations/test-webhook-token";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { runTestWebhook } from "@/runtime/ingest/test-webhook";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { testServices } from "@/test/fixtures/services";
import { cliAgainstApi, type CliAgainstApi } from "@/test/support/cli-against-api";
import { waitFor } from "@/test/wait-for";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let cli: CliAgainstApi;
let integrationId: string;

// what the code step saw: the body's type, size and digest, so a byte changed anywhere shows
const CODE = `module.exports = async (context, stepResults) => {
  const body = stepResults.trigger.results.body;
  const bytes = body.data;
  return { data: { contentType: body.contentType, size: bytes.length, sha256: Array.from(context.crypto.hash("sha256", bytes), (b) => b.toString(16).padStart(2, "0")).join(""), head: String.fromCharCode(...bytes.slice(0, 5)) } };
};`;

const yaml = `definitionVersion: 1
name: Documents ${Date.now()}
flows:
  - name: Receive document
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Inspect
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(CODE)} }
`;

// a PDF's header, then every byte value (a text decoding anywhere would change some)
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(64 * 1024)]);
const expected = {
  contentType: "application/pdf",
  size: pdf.length,
  sha256: createHash("sha256").update(pdf).digest("hex"),
  head: "%PDF-",
};

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({
    loadBundle: createDbBundleLoader(t.db),
    network: { allowPrivateNetwork: true },
    limits: { timeoutMs: 5000 },
  });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  cli = await cliAgainstApi(t, testServices(t, runtime));
  integrationId = (await importIntegration(t.db, { yaml, userId: null })).id;
});

afterAll(async () => {
  await cli?.stop();
  await runtime?.stop();
  await runner?.close();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

async function result(executionId: string) {
  const row = await waitFor(async () => {
    const r = await t.pool.query("select status, result, error from executions where id = $1", [executionId]);
    return r.rows[0]?.status === "succeeded" || r.rows[0]?.status === "failed" ? r.rows[0] : null;
  });
  expect(row.error).toBeNull();
  return row.result;
}

test("integrations:test --payload file.pdf sends the file's bytes to the code step", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "junction-payload-")), "invoice.pdf");
  writeFileSync(file, pdf);
  const run = await cli.junction(["integrations:test", integrationId, "--payload", file, "--output", "json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const { id } = JSON.parse(run.stdout) as { id: string };
  expect(await result(id)).toEqual(expected);

  // an explicit content type wins over the extension
  const typed = await cli.junction([
    "integrations:test",
    integrationId,
    "--payload",
    file,
    "--content-type",
    "application/x-custom",
    "--output",
    "json",
  ]);
  expect(await result((JSON.parse(typed.stdout) as { id: string }).id)).toMatchObject({
    contentType: "application/x-custom",
    size: pdf.length,
  });
});

test("the draft's test URL runs the draft for a real caller, answers the synchronous flow, and is turned away once rotated", async () => {
  const deps = { pool: t.pool, batcher: runtime.batcher, completion: runtime.completion, syncTimeoutMs: 20_000 };
  const first = await testWebhook(t.db, integrationId);
  expect(await testWebhook(t.db, integrationId)).toEqual(first); // made once, then kept
  const token = new URL(first.url).pathname.split("/").pop()!;
  const answer = await runTestWebhook(deps, {
    token,
    url: `${first.url}?source=erp`,
    headers: { "content-type": "application/pdf" },
    body: pdf,
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toEqual(expected);
  const executionId = answer.headers["x-junction-execution-id"]!;
  const row = (await t.pool.query("select is_test, source, trigger_payload from executions where id = $1", [executionId])).rows[0];
  expect(row).toMatchObject({ is_test: true, source: "test" });
  expect(row.trigger_payload.query).toEqual({ source: "erp" });

  const rotated = await rotateTestWebhook(t.db, integrationId);
  expect(rotated.url).not.toBe(first.url);
  const refused = await runTestWebhook(deps, { token, url: first.url, headers: {}, body: Buffer.alloc(0) });
  expect(refused.status).toBe(404);
});

/**
 * Results larger than what is kept for display (JUNCTION_MAX_STORED_RESULT_KB) are answered
 * whole, byte for byte, by the synchronous webhook and by the result API — through the real
 * parts: the webhook handler, the worker (at once, and from pg-boss's queue), a code step in
 * isolated-vm. An answer over the webhook body limit fails the run, with the reason.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as resultGet } from "@/app/api/executions/[id]/result/route";
import { getExecutionDetail } from "@/app/_server/services/executions/get-execution";
import { createToken } from "@/app/_server/services/tokens/create-token";
import { createUser } from "@/app/_server/services/users/create-user";
import { deploy } from "@/test/fixtures/deploy";
import { provideTestServices } from "@/test/fixtures/services";
import { codeStepFlow, startWebhookRuntime, type WebhookRuntime } from "@/test/fixtures/webhook-runtime";
import { waitFor } from "@/test/wait-for";
import { STORED_JSON_LIMIT } from "./executions/stored-json";

let h: WebhookRuntime;
let apiToken: string;

beforeAll(async () => {
  h = await startWebhookRuntime();
  provideTestServices(h.t, h.runtime); // what the result API's route handler uses
  const user = await createUser(h.t.db, {
    email: `admin-${Math.random()}@example.com`,
    name: "Admin",
    password: "admin-password",
    role: "admin",
  });
  ({ token: apiToken } = await createToken(h.t.db, { userId: user!.id, name: "api" }));
});

afterAll(async () => {
  await h?.close();
});

/**
 * About 2 MB of JSON, built the same way in the code step and here: keys in an order jsonb would
 * change, text jsonb cannot hold (NUL), characters of several UTF-8 bytes.
 */
const build = `(n) => ({
  zeta: "keys stay in their order",
  a: 1,
  customers: Array.from({ length: n }, (_, i) => ({ id: i, name: "Client " + i + " – “Ærø”", note: i % 1000 === 0 ? "nul\\u0000here" : "x".repeat(60), total: i * 1.25 })),
})`;
const expected = Buffer.from(JSON.stringify((0, eval)(build)(17_000)));

const resultApi = async (id: string, query = "") => {
  const req = new Request(`http://localhost:3000/api/executions/${id}/result${query}`, {
    headers: { authorization: `Bearer ${apiToken}` },
  });
  return resultGet(req, { params: Promise.resolve({ id }) });
};

const status = async (id: string) => (await h.t.pool.query("select status from executions where id = $1", [id])).rows[0]?.status;

test("a 2 MB JSON result is answered byte for byte by a synchronous webhook and by the result API; its display copy is a truncated preview", async () => {
  expect(expected.length).toBeGreaterThan(2 * 1024 * 1024);
  expect(expected.length).toBeGreaterThan(STORED_JSON_LIMIT * 4);
  const { tokens } = await deploy(h.t.db, codeStepFlow(`module.exports = async () => ({ data: (${build})(17000), statusCode: 201 });`));

  const res = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(res.status).toBe(201);
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);

  const id = res.headers.get("x-junction-execution-id")!;
  const api = await resultApi(id);
  expect([api.status, api.headers.get("content-type")]).toEqual([201, "application/json"]);
  expect(Buffer.from(await api.arrayBuffer()).equals(expected)).toBe(true);
  // the execution page's download: a file, the same bytes
  const download = await resultApi(id, "?download");
  expect([download.status, download.headers.get("content-disposition")]).toEqual([200, `attachment; filename="result-${id}.json"`]);
  expect(Buffer.from(await download.arrayBuffer()).equals(expected)).toBe(true);

  // what is kept for display stays small, and says it is a preview of how much
  const detail = await getExecutionDetail(h.t.db, id);
  expect(detail.result).toEqual({
    $truncated: { size: expect.any(Number), preview: expect.stringMatching(/^{"zeta":"keys stay in their order","a":1,/) },
  });
  expect(detail.resultMeta).toMatchObject({ fullBody: true, size: expected.length });
});

test("queued through pg-boss (a sequential flow's synchronous call, an asynchronous call), the answers are the same bytes", async () => {
  const code = `module.exports = async () => ({ data: (${build})(17000) });`;
  const { tokens } = await deploy(
    h.t.db,
    codeStepFlow(code).replace("synchronous: true", "synchronous: true, concurrency: { mode: sequential }"),
  );

  const sync = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(sync.status).toBe(200);
  expect(Buffer.from(await sync.arrayBuffer()).equals(expected)).toBe(true);
  const syncId = sync.headers.get("x-junction-execution-id")!;
  expect((await h.t.pool.query("select count(*)::int as n from pgboss.job where data->>'executionId' = $1", [syncId])).rows[0].n).toBe(1);

  const queued = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-junction-synchronous": "false" },
    body: "{}",
  });
  expect(queued.status).toBe(202);
  const { executionId } = (await queued.json()) as { executionId: string };
  await waitFor(async () => (await status(executionId)) === "succeeded", { timeoutMs: 20_000, what: "the queued run to succeed" });
  const api = await resultApi(executionId);
  expect(api.status).toBe(200);
  expect(Buffer.from(await api.arrayBuffer()).equals(expected)).toBe(true);
});

test("a large text result with a content type is answered as that text", async () => {
  const csv = `"id,name\\n" + Array.from({ length: 40000 }, (_, i) => i + ",Name " + i).join("\\n")`;
  const { tokens } = await deploy(h.t.db, codeStepFlow(`module.exports = async () => ({ data: ${csv}, contentType: "text/csv" });`));
  const res = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(res.headers.get("content-type")).toBe("text/csv");
  const text = (0, eval)(csv) as string;
  expect(text.length).toBeGreaterThan(STORED_JSON_LIMIT);
  expect(await res.text()).toBe(text);
});

test("a result over the webhook body limit fails the run, which says why; no truncated marker is answered", async () => {
  // 9 million characters (under the step result limit) of 3 UTF-8 bytes each: 27 MB as sent, over the 25 MB limit
  const { tokens } = await deploy(
    h.t.db,
    codeStepFlow(`module.exports = async () => ({ data: "€".repeat(9000000), contentType: "text/plain" });`),
  );
  const res = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  expect(res.status).toBe(500);
  const body = (await res.json()) as { executionId: string; error: string };
  expect(body.error).toMatch(/^The flow's result is 25\.7 MB, more than the 25 MB an answer may be .*return less data/);
  const row = (await h.t.pool.query("select status, error, result, result_body from executions where id = $1", [body.executionId])).rows[0];
  expect(row).toMatchObject({ status: "failed", error: { message: body.error }, result: null, result_body: null });
  expect((await resultApi(body.executionId)).status).toBe(500);
});

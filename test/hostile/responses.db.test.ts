/**
 * Hostile tenants, answers: a run's result is answered from the app's origin (synchronous
 * webhooks), so a flow's code must not set cookies there, break the answer's framing, or have
 * its HTML rendered as a page of the app. A bad answer is the run's failure, named, never a 503.
 */
import http from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as resultGet } from "@/app/api/executions/[id]/result/route";
import { GET as executionGet } from "@/app/api/executions/[id]/route";
import { GET as triggerBodyGet } from "@/app/api/executions/[id]/trigger-body/route";
import { createToken } from "@/app/_server/services/tokens/create-token";
import { createUser } from "@/app/_server/services/users/create-user";
import { provideTestServices } from "../fixtures/services";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let port: number;

beforeAll(async () => {
  h = await startWebhookRuntime();
  ({ t, port } = h);
  provideTestServices(t, h.runtime); // what the app's route handlers use
});

afterAll(async () => {
  await h?.close();
});

const flow = (code: string) => `definitionVersion: 1
name: Answer ${Math.random()}
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Code
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(code)} }
`;

/** raw HTTP, so duplicate or odd headers are seen as sent (fetch would refuse or merge them) */
function call(token: string): Promise<{ status: number; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: `/webhooks/${token}`, method: "POST", headers: { "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body }));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

const headerValues = (raw: string[], name: string) =>
  raw.filter((_, i) => i % 2 === 0 && raw[i]!.toLowerCase() === name).map((n) => raw[raw.indexOf(n) + 1]);

test("HTML with set-cookie and a forged Content-Length: one Content-Length, no cookie, nosniff and CSP sandbox", async () => {
  const { tokens } = await deploy(
    t.db,
    flow(`module.exports = async () => ({ data: "<script>fetch('/api/trpc/tokens.create')</script>", contentType: "text/html",
  headers: { "set-cookie": "session=stolen; Path=/", "Content-Length": "1", "Transfer-Encoding": "chunked", "X-Content-Type-Options": "sniff", "Content-Security-Policy": "script-src *", "x-custom": "kept" } });`),
  );
  const res = await call(tokens.main!);
  expect(res.status).toBe(200);
  const names = res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
  expect(names.filter((n) => n === "content-length")).toHaveLength(1);
  expect(names).not.toContain("set-cookie");
  expect(names).not.toContain("transfer-encoding");
  expect(headerValues(res.rawHeaders, "x-content-type-options")).toEqual(["nosniff"]);
  expect(headerValues(res.rawHeaders, "content-security-policy")).toEqual(["sandbox"]);
  expect(headerValues(res.rawHeaders, "x-custom")).toEqual(["kept"]);
  expect(res.body).toContain("<script>");
});

test.each([
  [
    "a header value with a line break",
    `{ data: 1, headers: { "x-a": "1\\r\\nset-cookie: a=b" } }`,
    /header "x-a" has a value with characters a header cannot carry/,
  ],
  ["a header value Node refuses", `{ data: 1, headers: { "x-a": "caf\\u00e9\\u20ac" } }`, /header "x-a" has a value with characters/],
  ["a header name with a space", `{ data: 1, headers: { "bad name": "x" } }`, /header name "bad name" is not a valid HTTP header name/],
  ["status 99", `{ data: 1, statusCode: 99 }`, /statusCode 99 is not an HTTP status from 200 to 599/],
  ["status 1000", `{ data: 1, statusCode: 1000 }`, /statusCode 1000 is not an HTTP status/],
])("%s fails the run with a 500 naming it and the execution id — never 503 'nothing was started'", async (_name, result, message) => {
  const { tokens } = await deploy(t.db, flow(`module.exports = async () => (${result});`));
  const res = await call(tokens.main!);
  expect(res.status).toBe(500);
  const body = JSON.parse(res.body) as { executionId: string; error: string };
  expect(body.error).toMatch(message);
  const row = await t.pool.query("select status, error->>'message' as message from executions where id = $1", [body.executionId]);
  expect(row.rows[0]).toMatchObject({ status: "failed", message: expect.stringMatching(message) });
});

test("every webhook answer — refusals, 202s and failures too — carries nosniff and CSP sandbox", async () => {
  const { tokens } = await deploy(t.db, flow(`module.exports = async () => { throw new Error("boom"); };`));
  const answers = await Promise.all([
    fetch(`${h.base}/webhooks/no-such-token`, { method: "POST", body: "{}" }),
    fetch(`${h.base}/webhooks/${tokens.main}`, { method: "GET" }),
    fetch(`${h.base}/webhooks/${tokens.main}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }),
    fetch(`${h.base}/webhooks/${tokens.main}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-junction-synchronous": "false" },
      body: "{}",
    }),
    fetch(`${h.base}/webhooks/${tokens.main}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([404, 405, 400, 202, 500]);
  for (const a of answers) {
    expect({ status: a.status, nosniff: a.headers.get("x-content-type-options"), csp: a.headers.get("content-security-policy") }).toEqual({
      status: a.status,
      nosniff: "nosniff",
      csp: "sandbox",
    });
  }
});

/** the execution API's route handlers, called as the web server hands them a request */
async function apiGet(handler: typeof resultGet, path: string, id: string, token: string | null) {
  const req = new Request(`http://localhost:3000${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return handler(req, { params: Promise.resolve({ id }) });
}

test("the result API serves a run's HTML as an attachment with nosniff and CSP sandbox, and takes no redirect or CORS from the run", async () => {
  const user = await createUser(t.db, {
    email: `admin-${Math.random()}@example.com`,
    name: "Admin",
    password: "admin-password",
    role: "admin",
  });
  const { token } = await createToken(t.db, { userId: user!.id, name: "api" });
  const { tokens } = await deploy(
    t.db,
    flow(`module.exports = async (c, s) => s.trigger.results.body.json
  ? { data: { ok: true } }
  : { data: "<script>alert(document.cookie)</script>", contentType: "text/html", statusCode: 302,
      headers: { "set-cookie": "a=b", location: "https://evil.example/", refresh: "0;url=https://evil.example/", "access-control-allow-origin": "https://evil.example", "access-control-allow-credentials": "true", "x-custom": "kept" } };`),
  );
  const html = await call(tokens.main!);
  const htmlId = headerValues(html.rawHeaders, "x-junction-execution-id")[0]!;
  const jsonId = await fetch(`${h.base}/webhooks/${tokens.main}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"json":true}',
  }).then((r) => r.headers.get("x-junction-execution-id")!);

  const page = await apiGet(resultGet, `/api/executions/${htmlId}/result`, htmlId, token);
  expect(page.status).toBe(302);
  expect(Object.fromEntries(page.headers)).toMatchObject({
    "content-type": "text/html",
    "content-disposition": `attachment; filename="result-${htmlId}"`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox",
    "x-custom": "kept",
  });
  for (const name of ["set-cookie", "location", "refresh", "access-control-allow-origin", "access-control-allow-credentials"])
    expect(page.headers.get(name)).toBeNull();

  const json = await apiGet(resultGet, `/api/executions/${jsonId}/result`, jsonId, token);
  expect(await json.json()).toEqual({ ok: true });
  expect(json.headers.get("content-disposition")).toBeNull();

  // the rest of the execution API, and its refusals, too
  const answers = [
    json,
    await apiGet(executionGet, `/api/executions/${htmlId}`, htmlId, token),
    await apiGet(triggerBodyGet, `/api/executions/${htmlId}/trigger-body`, htmlId, token),
    await apiGet(resultGet, `/api/executions/${htmlId}/result`, htmlId, null),
    await apiGet(resultGet, `/api/executions/not-an-id/result`, "not-an-id", token),
  ];
  expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 401, 404]);
  for (const a of answers)
    expect([a.status, a.headers.get("x-content-type-options"), a.headers.get("content-security-policy")]).toEqual([
      a.status,
      "nosniff",
      "sandbox",
    ]);
});

/**
 * Hostile tenants, answers: a run's result is answered from the app's origin (synchronous
 * webhooks), so a flow's code must not set cookies there, break the answer's framing, or have
 * its HTML rendered as a page of the app. A bad answer is the run's failure, named, never a 503.
 */
import http from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let port: number;

beforeAll(async () => {
  h = await startWebhookRuntime();
  ({ t, port } = h);
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
    const req = http.request({ host: "127.0.0.1", port, path: `/webhooks/${token}`, method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, rawHeaders: res.rawHeaders, body }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

const headerValues = (raw: string[], name: string) => raw.filter((_, i) => i % 2 === 0 && raw[i]!.toLowerCase() === name).map((n) => raw[raw.indexOf(n) + 1]);

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
  ["a header value with a line break", `{ data: 1, headers: { "x-a": "1\\r\\nset-cookie: a=b" } }`, /header "x-a" has a value with characters a header cannot carry/],
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
    fetch(`${h.base}/webhooks/${tokens.main}`, { method: "POST", headers: { "content-type": "application/json", "x-junction-synchronous": "false" }, body: "{}" }),
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

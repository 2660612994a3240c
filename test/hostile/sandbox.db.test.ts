/**
 * Hostile tenants, sandbox: a customer's code steps share a context between runs (built-ins share
 * contexts per customer), so nothing one run does to the intrinsics may reach the next.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let base: string;

beforeAll(async () => {
  h = await startWebhookRuntime();
  ({ t, base } = h);
});

afterAll(async () => {
  await h?.close();
});

const listen = async (s: http.Server) => {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

const codeFlow = (name: string, code: string) => `
  - name: ${name}
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: ${name} code
        action: code.runCode
        inputs:
          code:
            value: |
${code
  .trim()
  .split("\n")
  .map((l) => `              ${l}`)
  .join("\n")}`;

const call = async (token: string) => {
  const res = await fetch(`${base}/webhooks/${token}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  return { status: res.status, body: await res.json() };
};

test("prototype pollution does not cross runs: a code step that writes to Object.prototype, Array.prototype, JSON, Function.prototype, Promise.prototype, String.prototype or a sandbox shim leaves the next run of the customer untouched", async () => {
  const pollute = `
module.exports = async () => {
  const tried = {};
  const attempt = (name, f) => { try { f(); tried[name] = "done"; } catch (e) { tried[name] = "refused"; } };
  attempt("object", () => { Object.prototype.x = "yes"; });
  attempt("array", () => { Array.prototype.push = function () { return "hooked"; }; });
  attempt("json", () => { JSON.parse = () => "hooked"; });
  attempt("call", () => { Function.prototype.call = function () { return "hooked"; }; });
  attempt("then", () => { Promise.prototype.then = function () { return "hooked"; }; });
  attempt("string", () => { String.prototype.trim = function () { return "hooked"; }; });
  attempt("headers", () => { Headers.prototype.get = function () { return "hooked"; }; });
  attempt("url", () => { URL.prototype.toString = function () { return "hooked"; }; });
  attempt("define", () => { Object.defineProperty(Object.prototype, "y", { value: "yes", configurable: true }); });
  attempt("proto", () => { ({}).__proto__.z = "yes"; });
  return { data: tried };
};`;
  const read = `
module.exports = async () => {
  const a = [];
  const pushed = a.push(1);
  return { data: {
    x: ({}).x ?? null, y: ({}).y ?? null, z: ({}).z ?? null,
    push: pushed,
    json: JSON.parse("[1]"),
    call: Math.max.call(null, 1, 2),
    then: await Promise.resolve(3),
    trim: " a ".trim(),
    headers: new Headers({ a: "b" }).get("a"),
    url: new URL("https://example.com/p").toString(),
  } };
};`;
  const { tokens } = await deploy(
    t.db,
    `definitionVersion: 1\nname: Pollution\nflows:${codeFlow("Pollute", pollute)}${codeFlow("Read", read)}\n`,
  );
  const first = await call(tokens.pollute);
  expect(first.status).toBe(200);
  // the next run of the same customer is served by the same warm context
  for (let i = 0; i < 3; i++) {
    expect(await call(tokens.read)).toEqual({
      status: 200,
      body: { x: null, y: null, z: null, push: 1, json: [1], call: 2, then: 3, trim: "a", headers: "b", url: "https://example.com/p" },
    });
  }
});

test("ordinary code still works in a hardened context: its own classes and objects, assigning toString or constructor on its own objects (the override mistake), strict mode", async () => {
  const ordinary = `
"use strict";
class Money { constructor(v) { this.v = v; } }
Money.prototype.format = function () { return "$" + this.v; };
module.exports = async () => {
  const o = {};
  o.toString = () => "custom";
  o.constructor = "mine";
  const arr = [3, 1, 2];
  arr.push = function (v) { return Array.prototype.push.call(this, v * 10); };
  arr.push(4);
  function Legacy() {}
  Legacy.prototype.toString = function () { return "legacy"; };
  const e = new Error("boom");
  e.name = "MyError";
  e.message = "changed";
  return { data: [new Money(5).format(), String(o), o.constructor, [...arr].sort(), String(new Legacy()), e.name + ": " + e.message] };
};`;
  const { tokens } = await deploy(t.db, `definitionVersion: 1\nname: Ordinary\nflows:${codeFlow("Ordinary", ordinary)}\n`);
  for (let i = 0; i < 2; i++) {
    expect(await call(tokens.ordinary)).toEqual({
      status: 200,
      body: ["$5", "custom", "mine", [1, 2, 3, 40], "legacy", "MyError: changed"],
    });
  }
});

test("a code step that starts 300 fetches at once gets them run 16 at a time (JUNCTION_SANDBOX_HOST_CONCURRENCY), not 300 sockets against the host or the target", async () => {
  let open = 0;
  let most = 0;
  const target = http.createServer((_req, res) => {
    most = Math.max(most, ++open);
    setTimeout(() => {
      open--;
      res.end("ok");
    }, 20);
  });
  const url = await listen(target);
  try {
    const burst = `
module.exports = async () => {
  const all = await Promise.all(Array.from({ length: 300 }, () => fetch("${url}/").then((r) => r.text())));
  return { data: all.filter((t) => t === "ok").length };
};`;
    const { tokens } = await deploy(t.db, `definitionVersion: 1\nname: Burst\nflows:${codeFlow("Burst", burst)}\n`);
    expect(await call(tokens.burst)).toEqual({ status: 200, body: 300 });
    expect(most).toBeLessThanOrEqual(16);
  } finally {
    target.close();
  }
});

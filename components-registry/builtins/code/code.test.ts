import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(["code"], { limits: { timeoutMs: 1000 } });
});
afterAll(() => runner.close());

const runCode = (code: string, extra: Parameters<typeof invocation>[3] = {}) => {
  const inv = invocation("code", "runCode", { code }, extra);
  return { inv, result: runner.run(inv) };
};

describe("code.runCode", () => {
  test("gets context and stepResults; console and logger lines reach the logger", async () => {
    const { inv, result } = runCode(
      `module.exports = async ({ logger, configVars, executionId, customer }, stepResults) => {
        const orders = stepResults.newOrders.results;
        logger.info(\`processing \${orders.length} orders\`);
        console.log("customer", customer.name);
        return { data: { ids: orders.map((o) => o.orderid), shop: configVars.shopUrl, executionId } };
      };`,
      { stepResults: { newOrders: { results: [{ orderid: 7 }, { orderid: 9 }] } } },
    );
    inv.facts.configVars = { shopUrl: "https://shop" };
    expect((await result).data).toEqual({ ids: [7, 9], shop: "https://shop", executionId: "exec-1" });
    expect(inv.lines).toEqual([
      { level: "info", message: "processing 2 orders" },
      { level: "info", message: "customer Acme" },
    ]);
  });

  test("what one execution leaves on globalThis is gone in the next execution for the same customer", async () => {
    const first = runCode(
      `module.exports = async () => { globalThis.secret = "acme's token"; leaked = 1; console.log = () => {}; return { data: typeof secret }; };`,
    );
    first.inv.facts.executionId = "exec-a";
    expect((await first.result).data).toBe("string");
    const second = runCode(`module.exports = async () => { console.log("still logs"); return { data: [typeof secret, typeof leaked] }; };`);
    second.inv.facts.executionId = "exec-b";
    expect((await second.result).data).toEqual(["undefined", "undefined"]);
    expect(second.inv.lines).toEqual([{ level: "info", message: "still logs" }]);
  });

  test("the globals a context starts with are read-only, so no execution can replace them for the next", async () => {
    const strict = runCode(`"use strict";\nmodule.exports = async () => { globalThis.fetch = () => "forged"; return { data: 1 }; };`);
    await expect(strict.result).rejects.toThrow(/Cannot assign to read only property 'fetch'/);
    const sloppy = runCode(
      `module.exports = async () => { URL = null; delete globalThis.JSON; return { data: [typeof URL, typeof JSON] }; };`,
    );
    sloppy.inv.facts.executionId = "exec-sloppy";
    expect((await sloppy.result).data).toEqual(["function", "object"]);
  });

  test("a thrown error names the line in the user's code", async () => {
    const err = await runCode(`module.exports = async () => {\n  const x = 1;\n  throw new Error("bad order " + x);\n};`).result.catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toBe("bad order 1 (line 3 of the code)");
    expect((err as Error).stack).toMatch(/code\.js:3:9/);
  });

  test("a syntax error names the line", async () => {
    const err = await runCode(`module.exports = async () => {\n  return { data: 1 }\n  oops oops\n};`).result.catch((e: Error) => e);
    expect((err as Error).name).toBe("SyntaxError");
    expect((err as Error).message).toMatch(/^Unexpected identifier 'oops' \(line 3 of the code\)$/);
  });

  test("a runtime TypeError names the line", async () => {
    const err = await runCode(`module.exports = async (c, s) => {\n  return { data: s.missing.results };\n};`).result.catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/Cannot read properties of undefined .*\(line 2 of the code\)/);
  });

  test("wrong shapes are explained", async () => {
    await expect(runCode("module.exports = 5;").result).rejects.toThrow("module.exports to a function");
    await expect(runCode("module.exports = async () => 5;").result).rejects.toThrow("must return { data }");
  });

  test("timers, TextEncoder, URL, atob work; Node APIs do not exist", async () => {
    const { result } = runCode(`module.exports = async () => {
      await new Promise((r) => setTimeout(r, 5));
      const u = new URL("/a/../b?x=1#h", "https://example.com/dir/page");
      u.searchParams.append("y", "z w");
      return { data: {
        href: u.href,
        bytes: new TextEncoder().encode("€").length,
        text: new TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac])),
        b64: btoa("hi"), un: atob("aGk="),
        node: [typeof require, typeof process, typeof Buffer, typeof module.require],
      } };
    };`);
    expect((await result).data).toEqual({
      href: "https://example.com/b?x=1&y=z+w#h",
      bytes: 3,
      text: "€",
      b64: "aGk=",
      un: "hi",
      node: ["undefined", "undefined", "undefined", "undefined"],
    });
  });

  test("a 1 ms computation is cheap, and an endless loop in user code is stopped", async () => {
    await expect(runCode("module.exports = async () => { while (true) {} };").result).rejects.toThrow(/timed out after 1000 ms/);
    const { result } = runCode(
      "module.exports = async () => { const end = Date.now() + 1; let n = 0; while (Date.now() < end) n++; return { data: n > 0 }; };",
    );
    expect((await result).data).toBe(true);
  });
});

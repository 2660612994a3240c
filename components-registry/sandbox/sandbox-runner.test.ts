import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "../packages/prepare-package";
import { invocation } from "../test-support/invocation";
import { tempPackage } from "../test-support/temp-package";
import { createMemoryBundleLoader } from "./memory-loader";
import { createSandboxRunner, type SandboxRunner } from "./sandbox-runner";

const SOURCE = `
import { action, component, input } from "@junction/sdk";

let calls = 0;

export default component({
  key: "testing",
  label: "Testing",
  description: "actions that misbehave on purpose",
  actions: {
    echo: action({
      label: "Echo",
      inputs: { n: input({ label: "N", type: "number", required: true }), flag: input({ label: "Flag", type: "boolean", default: false }) },
      perform: async (context, inputs) => {
        calls++;
        (globalThis as any).leak ??= context.executionId;
        context.logger.info("echo", inputs.n);
        console.log("from console");
        return { data: { n: inputs.n, flag: inputs.flag, calls, leak: (globalThis as any).leak, bytes: new TextEncoder().encode("hé") } };
      },
    }),
    fail: action({
      label: "Fail",
      inputs: {},
      perform: async () => {
        await new Promise((r) => setTimeout(r, 1));
        return helper();
      },
    }),
    loop: action({ label: "Loop", inputs: {}, perform: async () => { for (;;) {} } }),
    loopAfterAwait: action({ label: "Loop later", inputs: {}, perform: async (context) => { await context.state.get("x"); for (;;) {} } }),
    hog: action({ label: "Hog", inputs: {}, perform: async () => { const a: unknown[] = []; for (;;) a.push(new Array(100000).fill(a.length)); } }),
    chatty: action({ label: "Chatty", inputs: {}, perform: async (context) => { for (let i = 0; i < 6000; i++) context.logger.debug("line", i); return { data: 1 }; } }),
    dangle: action({ label: "Dangle", inputs: {}, perform: async () => { calls++; setTimeout(() => {}, 5_000); return { data: { calls } }; } }),
    sleep: action({ label: "Sleep", inputs: {}, perform: async () => { await new Promise((r) => setTimeout(r, 10_000)); return { data: 1 }; } }),
    fn: action({ label: "Function", inputs: {}, perform: async () => ({ data: () => 1 }) }),
    peek: action({ label: "Peek", inputs: {}, perform: async (context) => ({ data: context.stepResults }) }),
    peekEager: action({ label: "Peek (sent)", inputs: {}, readsStepResults: true, perform: async (context) => ({ data: context.stepResults }) }),
    ignore: action({ label: "Ignore", inputs: {}, perform: async () => ({ data: 1 }) }),
    ignoreEager: action({ label: "Ignore (sent)", inputs: {}, readsStepResults: true, perform: async () => ({ data: 1 }) }),
    escape: action({
      label: "Escape",
      inputs: { how: input({ label: "How", type: "string", required: true }) },
      perform: async (_c, { how }) => {
        const attempts: Record<string, () => unknown> = {
          require: () => (globalThis as any).require("fs"),
          process: () => (globalThis as any).process.env,
          constructor: () => (globalThis as any).constructor.constructor("return process")().env,
          functionCtor: () => Function("return this")().process.mainModule,
        };
        return { data: attempts[how]() };
      },
    }),
  },
});

function helper(): never {
  throw new TypeError("it broke");
}
`;

let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;
const pkg = tempPackage(SOURCE);

beforeAll(async () => {
  loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  runner = createSandboxRunner({
    loadBundle: loader,
    limits: { timeoutMs: 1000, memoryMb: 32 },
  });
});
afterAll(async () => {
  await runner.close();
  pkg.remove();
});

describe("sandbox runner", () => {
  test("runs an action with cleaned inputs, logs and bytes; globals do not leak between calls", async () => {
    const inv = invocation("testing", "echo", { n: "42" });
    const r = await runner.run(inv);
    expect(r.data).toEqual({ n: 42, flag: false, calls: 1, leak: "exec-1", bytes: new Uint8Array([104, 195, 169]) });
    expect(inv.lines).toEqual([
      { level: "info", message: "echo 42" },
      { level: "info", message: "from console" },
    ]);
    const second = invocation("testing", "echo", { n: 1 }, {});
    second.facts.executionId = "exec-2";
    const r2 = await runner.run(second);
    expect(r2.data).toMatchObject({ calls: 1, leak: "exec-2" });
  });

  test("step results are copied across when the action reads them, or with the call when its manifest says it reads them", async () => {
    const run = async (action: string) => {
      let reads = 0;
      const inv = invocation("testing", action);
      Object.defineProperty(inv, "stepResults", { get: () => (reads++, { fetch: { results: { id: 7 } } }) });
      const { data } = await runner.run(inv);
      return { data, reads };
    };
    expect(await run("peek")).toEqual({ data: { fetch: { results: { id: 7 } } }, reads: 1 });
    expect(await run("peekEager")).toEqual({ data: { fetch: { results: { id: 7 } } }, reads: 1 });
    expect(await run("ignore")).toEqual({ data: 1, reads: 0 });
    // sent with the call even when this call does not look at them
    expect(await run("ignoreEager")).toEqual({ data: 1, reads: 1 });
  });

  test("calls of one execution share a context; ending the execution releases it", async () => {
    const call = async (executionId: string) => {
      const inv = invocation("testing", "echo", { n: 1 });
      inv.facts.executionId = executionId;
      return (await runner.run(inv)).data as { calls: number; leak: string };
    };
    expect(await call("exec-shared")).toMatchObject({ calls: 1, leak: "exec-shared" });
    expect(await call("exec-shared")).toMatchObject({ calls: 2, leak: "exec-shared" });
    expect(await call("exec-other")).toMatchObject({ calls: 1, leak: "exec-other" });
    await runner.endExecution("exec-shared");
    expect(await call("exec-shared")).toMatchObject({ calls: 1 });
  });

  test("a trusted bundle's context serves later executions for the same customer (globals put back between them), never another customer's", async () => {
    const trusted = { ...(await loader("testing")), versionId: "testing-trusted", contextScope: "customer" as const };
    const sharing = createSandboxRunner({ loadBundle: async () => trusted, limits: { idleIsolatesPerVersion: 1 } });
    const call = async (executionId: string, customerId: string) => {
      const inv = invocation("testing", "echo", { n: 1 });
      inv.facts.executionId = executionId;
      inv.facts.customer = { id: customerId, name: customerId, externalId: null };
      return (await sharing.run(inv)).data as { calls: number; leak: string };
    };
    try {
      expect(await call("e1", "acme")).toMatchObject({ calls: 1, leak: "e1" });
      await sharing.endExecution("e1");
      // the module's counter shows the context was reused; the global e1 set is gone
      expect(await call("e2", "acme")).toMatchObject({ calls: 2, leak: "e2" });
      expect(await call("e2", "acme")).toMatchObject({ calls: 3, leak: "e2" });
      expect(await call("e3", "globex")).toMatchObject({ calls: 1, leak: "e3" });
      expect(await call("e4", "acme")).toMatchObject({ calls: 1, leak: "e4" });
      await sharing.endExecution("e4");
      expect(await call("e5", "acme")).toMatchObject({ calls: 2, leak: "e5" });
      // a call that returns with host work still running (a timer it did not await) leaves a
      // context that is not kept: what is pending could resume inside the next call
      const dangling = invocation("testing", "dangle", {});
      dangling.facts.executionId = "e6";
      dangling.facts.customer = { id: "acme", name: "acme", externalId: null };
      expect((await sharing.run(dangling)).data).toEqual({ calls: 3 });
      expect(await call("e7", "acme")).toMatchObject({ calls: 1, leak: "e7" });
    } finally {
      await sharing.close();
    }
  });

  test("a missing required input names the input", async () => {
    await expect(runner.run(invocation("testing", "echo", {}))).rejects.toThrow('Input "n" (N) is required');
  });

  test("an action's error keeps its message and only its own frames", async () => {
    const err = await runner.run(invocation("testing", "fail")).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe("TypeError");
    expect((err as Error).message).toBe("it broke");
    const stack = (err as Error).stack!;
    expect(stack).toMatch(/^TypeError: it broke\n\s+at helper \(testing@1\.0\.0\.js:\d+:\d+\)/);
    expect(stack).not.toMatch(/junction:sandbox|__junction|node_modules|sandbox-runner/);
  });

  test("an endless loop is stopped at the time limit; the next call works", async () => {
    const t0 = Date.now();
    await expect(runner.run(invocation("testing", "loop"))).rejects.toThrow(/timed out after 1000 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(runner.run(invocation("testing", "loopAfterAwait"))).rejects.toThrow(/timed out after 1000 ms/);
    await expect(runner.run(invocation("testing", "echo", { n: 1 }))).resolves.toMatchObject({ data: { n: 1 } });
  });

  test("unbounded allocation hits the memory limit; the host lives on", async () => {
    await expect(runner.run(invocation("testing", "hog"))).rejects.toThrow(/exceeded the memory limit of 32 MB/);
    await expect(runner.run(invocation("testing", "echo", { n: 2 }))).resolves.toMatchObject({ data: { n: 2 } });
  });

  test("a result that cannot be copied out is refused clearly", async () => {
    await expect(runner.run(invocation("testing", "fn"))).rejects.toThrow(/cannot leave the sandbox/);
  });

  test.each(["require", "process", "constructor", "functionCtor"])("escape via %s fails inside the sandbox", async (how) => {
    const err = await runner.run(invocation("testing", "escape", { how })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/is not defined|Cannot read properties of undefined|is not a function/);
  });

  test("other calls carry on while one loops", async () => {
    const looping = runner.run(invocation("testing", "loop")).catch((e: Error) => e);
    const quick = await Promise.all([1, 2, 3].map((n) => runner.run(invocation("testing", "echo", { n }))));
    expect(quick.map((r) => (r.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(await looping).toBeInstanceOf(Error);
  });

  test("a CPU limit below the wall-clock limit stops busy code sooner", async () => {
    const cpuBound = createSandboxRunner({ loadBundle: loader, limits: { timeoutMs: 10_000, cpuTimeoutMs: 200 } });
    try {
      const t0 = Date.now();
      await expect(cpuBound.run(invocation("testing", "loopAfterAwait"))).rejects.toThrow(/used more than 200 ms of CPU time/);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await cpuBound.close();
    }
  });

  test("the invocation's abort signal cancels a waiting action", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(runner.run(invocation("testing", "sleep", {}, { signal: controller.signal }))).rejects.toThrow(
      "Action testing.sleep was canceled",
    );
  });

  test("a step that logs without end is cut off after 5000 lines", async () => {
    const inv = invocation("testing", "chatty");
    await runner.run(inv);
    expect(inv.lines).toHaveLength(5001);
    expect(inv.lines[4999]).toEqual({ level: "debug", message: "line 4999" });
    expect(inv.lines[5000].message).toMatch(/more than 5000 log lines/);
  });

  test("unknown actions and components are reported", async () => {
    await expect(runner.run(invocation("testing", "nope"))).rejects.toThrow('Component "testing" 1.0.0 has no action "nope"');
    await expect(runner.run(invocation("missing", "x"))).rejects.toThrow('Component "missing" is not installed');
  });
});

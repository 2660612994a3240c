/**
 * `npm run bench -- sandbox`: what running an action in isolated-vm costs, next to running the
 * same code in-process (no sandbox: evaluated with `new Function` in the host, which is fine
 * only because this is our own benchmark code).
 *   warm  — pooled isolate, fresh context, inputs copied in and the result copied out
 *   cold  — a version seen for the first time: new isolate, bundle compiled, context, call
 *   code  — code.runCode with a 1 ms computation (1 ms in the host), end to end: as in production
 *           a new execution for the same customer reuses the code component's context (globals
 *           put back), and V8 keeps what it optimized; a customer's first run gets a new one
 * Each run is a new execution, so it gets a fresh context, unless marked "same execution".
 */
import { fileURLToPath } from "node:url";
import type { ActionInvocation } from "@/components-registry/contract";
import { preparePackage, type PreparedPackage } from "@/components-registry/packages/prepare-package";
import type { ActionContext, ComponentDefinition } from "@/components-registry/sdk";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import type { BundleLoader } from "@/components-registry/sandbox/types";
import { contextScopeOf } from "@/components-registry/store/context-scope";
import { invocation } from "@/components-registry/test-support/invocation";
import { tempPackage } from "@/components-registry/test-support/temp-package";

const ECHO = `import { action, component, input } from "@junction/sdk";
export default component({
  key: "echo", label: "Echo",
  actions: {
    echo: action({
      label: "Echo",
      inputs: { value: input({ label: "Value", type: "data", required: true }), times: input({ label: "Times", type: "number", default: 1 }) },
      perform: async (_context, { value, times }) => ({ data: { value, times } }),
    }),
  },
});`;

/** a computation of about 1 ms: the loop count is calibrated on the host first */
function oneMsCode(): string {
  const body = (n: number) => {
    let x = 0;
    for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003;
    return x;
  };
  let n = 100_000;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    body(n);
    n = Math.round(n / (performance.now() - t0));
  }
  return `module.exports = async () => { let x = 0; for (let i = 0; i < ${n}; i++) x = (x * 31 + i) % 1000003; return { data: x }; };`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(n: number, fn: () => Promise<unknown>, warmup = Math.min(50, n)): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** the bundle's component, evaluated in the host (trusted benchmark code only) */
function inHost(p: PreparedPackage): ComponentDefinition {
  const ns = new Function(`${p.bundle}; return __junctionComponent;`)() as { default: ComponentDefinition };
  return ns.default;
}

function hostContext(inv: ActionInvocation): ActionContext {
  return {
    ...inv.facts,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    state: { get: async () => null, set: async () => {}, delete: async () => {} },
    fetch: () => Promise.reject(new Error("no fetch in the bench")),
    sftp: {} as ActionContext["sftp"],
    sql: {} as ActionContext["sql"],
    redis: {} as ActionContext["redis"],
    amqp: {} as ActionContext["amqp"],
    smtp: {} as ActionContext["smtp"],
    crypto: {} as ActionContext["crypto"],
    stepResults: inv.stepResults,
    async loadModule(source) {
      const module = { exports: {} as unknown };
      new Function("module", "exports", source)(module, module.exports);
      return module.exports;
    },
  };
}

export default async function () {
  const pkg = tempPackage(ECHO);
  const echo = await preparePackage({ path: pkg.dir });
  pkg.remove();
  const code = await preparePackage({ path: fileURLToPath(new URL("../components-registry/builtins/code", import.meta.url)) });
  const input = { value: { id: 42, name: "Widget", tags: ["a", "b"], price: 9.99 }, times: "3" };

  // echo stands for an uploaded package (a fresh context per execution); code is the built-in,
  // whose context serves later executions for the same customer (context-scope.ts)
  const memory = createMemoryBundleLoader([echo, code]);
  const loadBundle: BundleLoader = async (c, v) => ({
    ...(await memory(c, v)),
    contextScope: contextScopeOf({ key: c, builtIn: c === "code" }),
  });
  const runner = createSandboxRunner({ loadBundle });
  const freshRunner = createSandboxRunner({ loadBundle: memory });
  const echoHost = inHost(echo);
  const codeHost = inHost(code);

  let executions = 0;
  const echoCall = (sameExecution = false) => {
    const inv = invocation("echo", "echo", input);
    inv.facts.executionId = sameExecution ? "one-execution" : `execution-${executions++}`;
    return runner.run(inv);
  };
  const warmHost = await time(2000, () => echoHost.invoke("echo", hostContext(invocation("echo", "echo", input)), structuredClone(input)));
  const warmSameExecution = await time(2000, () => echoCall(true));
  const warmBackToBack = await time(2000, () => echoCall());
  // between steps the executor has other work (it writes each step's result); give the pool that moment
  const paced = async (n: number, fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      await new Promise((r) => setTimeout(r, 2));
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const warmPaced = await paced(1000, () => echoCall());

  let n = 0;
  const coldLoader: BundleLoader = async () => ({
    versionId: `cold-${n++}`,
    version: "1.0.0",
    sha256: echo.sha256,
    bundle: echo.bundle,
    manifest: echo.manifest,
  });
  const coldRunner = createSandboxRunner({ loadBundle: coldLoader, limits: { idleIsolatesPerVersion: 0 } });
  const cold = await time(200, () => coldRunner.run(invocation("echo", "echo", input)), 10);
  const coldHost = await time(
    200,
    () => inHost(echo).invoke("echo", hostContext(invocation("echo", "echo", input)), structuredClone(input)),
    10,
  );

  const oneMs = oneMsCode();
  const codeCall = (on = runner, sameExecution = false) => {
    const inv = invocation("code", "runCode", { code: oneMs });
    inv.facts.executionId = sameExecution ? "one-execution" : `execution-${executions++}`;
    return on.run(inv);
  };
  const codeStep = await paced(500, () => codeCall());
  const codeStepFresh = await paced(500, () => codeCall(freshRunner));
  const codeStepSameExecution = await paced(500, () => codeCall(runner, true));
  const codeStepHost = await time(500, () => codeHost.invoke("runCode", hostContext(invocation("code", "runCode")), { code: oneMs }));

  await runner.close();
  await freshRunner.close();
  await coldRunner.close();

  const rows: [string, number, number, string][] = [
    ["warm call, new execution (fresh context, prepared while idle)", warmPaced, warmHost, "< 0.5 ms"],
    ["warm call, new execution, back to back (context made on the call path)", warmBackToBack, warmHost, ""],
    ["warm call, same execution (its context reused)", warmSameExecution, warmHost, "< 0.5 ms"],
    ["cold: new isolate + compile + context + call", cold, coldHost, "< 15 ms"],
    ["code step, 1 ms computation, end to end (a new execution, same customer)", codeStep, codeStepHost, "< 2 ms"],
    ["code step, 1 ms computation, in a never-used context (a customer's first run)", codeStepFresh, codeStepHost, "(info)"],
    ["code step, same execution (e.g. inside a loop)", codeStepSameExecution, codeStepHost, "< 2 ms"],
  ];
  console.log("| case | sandbox median | in-process median | target |");
  console.log("| --- | ---: | ---: | --- |");
  for (const [name, sandbox, host, target] of rows) {
    console.log(`| ${name} | ${sandbox.toFixed(3)} ms | ${host.toFixed(3)} ms | ${target} |`);
  }
}

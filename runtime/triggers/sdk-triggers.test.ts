/**
 * Triggers in the SDK, the manifest reader and the sandbox: a component may have triggers and no
 * actions; bad declarations are refused with the trigger named; phases run in the sandbox with
 * the same limits as actions, and poll/acknowledge share one execution's context.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { component, connection, input, pollingTrigger, webhookTrigger } from "@/components-registry/sdk";
import { tempPackage } from "@/components-registry/test-support/temp-package";
import { triggerInvocation } from "./test-support/trigger-invocation";

const ONLY_TRIGGERS = `
import { component, input, pollingTrigger, webhookTrigger } from "@junction/sdk";
let polls = 0;
export default component({
  key: "ticker",
  label: "Ticker",
  actions: {},
  triggers: {
    ticks: pollingTrigger({
      label: "Ticks",
      inputs: { step: input({ label: "Step", type: "number", default: 1 }), shape: input({ label: "Shape", type: "string" }) },
      poll: async (context, inputs, cursor) => {
        polls++;
        if (inputs.shape === "bad") return { nothing: true };
        if (inputs.shape === "spin") for (;;) {}
        const from = typeof cursor === "number" ? cursor : 0;
        return { items: [from + inputs.step], cursor: from + inputs.step };
      },
      // the same context as the poll (one execution): sees how many polls it made
      acknowledge: async (context, inputs, items) => { context.logger.info("ack " + items.join(",") + " after " + polls + " poll(s)"); },
    }),
    hooked: webhookTrigger({ label: "Hooked", inputs: {}, onInstanceDeploy: async (context) => ({ url: context.webhookUrls[context.flow.key] }) }),
  },
});`;

let runner: SandboxRunner;
let loader: ReturnType<typeof createMemoryBundleLoader>;

beforeAll(async () => {
  const pkg = tempPackage(ONLY_TRIGGERS, { name: "ticker" });
  loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  pkg.remove();
  runner = createSandboxRunner({ loadBundle: loader, limits: { timeoutMs: 1000, cpuTimeoutMs: 500 } });
}, 60_000);
afterAll(() => runner?.close());

describe("triggers in the SDK and the sandbox", () => {
  test("a component with triggers and no actions installs; its manifest lists them by kind", async () => {
    const { manifest } = await loader("ticker");
    expect(manifest.actions).toEqual({});
    expect(manifest.triggers).toEqual({
      ticks: {
        key: "ticks",
        label: "Ticks",
        kind: "polling",
        inputs: [
          { key: "step", label: "Step", type: "number", default: 1 },
          { key: "shape", label: "Shape", type: "string" },
        ],
      },
      hooked: { key: "hooked", label: "Hooked", kind: "webhook", inputs: [] },
    });
  });

  test("poll and acknowledge run in one execution's context; deploy sees the webhook URLs", async () => {
    const first = await runner.runTrigger(triggerInvocation("ticker", "ticks", "poll", { step: 2 }));
    expect(first).toEqual({ items: [2], cursor: 2 });
    const lines: string[] = [];
    await runner.runTrigger(
      triggerInvocation("ticker", "ticks", "acknowledge", {}, { items: [2], logger: { log: (_l, m) => void lines.push(m) } }),
    );
    expect(lines).toEqual(["ack 2 after 1 poll(s)"]);
    await runner.endExecution("exec-1");
    expect(await runner.runTrigger(triggerInvocation("ticker", "ticks", "poll", { step: 2 }, { cursor: 2 }))).toEqual({
      items: [4],
      cursor: 4,
    });

    const hooked = triggerInvocation("ticker", "hooked", "deploy", {});
    hooked.facts.webhookUrls = { flow: "https://junction.example/webhooks/abc" };
    expect(await runner.runTrigger(hooked)).toEqual({ url: "https://junction.example/webhooks/abc" });
  });

  test("wrong phases, unknown triggers, bad poll results and runaway polls are refused clearly", async () => {
    await expect(runner.runTrigger(triggerInvocation("ticker", "ticks", "deploy", {}))).rejects.toThrow(
      'Trigger "ticker.ticks" is a polling trigger: it has no deploy phase',
    );
    await expect(runner.runTrigger(triggerInvocation("ticker", "nope", "poll", {}))).rejects.toThrow(
      'Component "ticker" 1.0.0 has no trigger "nope"',
    );
    await expect(runner.runTrigger(triggerInvocation("ticker", "ticks", "poll", { shape: "bad" }))).rejects.toThrow(
      'Trigger "ticker.ticks" must return { items: [...], cursor } from poll',
    );
    await expect(runner.runTrigger(triggerInvocation("ticker", "ticks", "poll", { step: "x" }))).rejects.toThrow(/step/);
    await expect(runner.runTrigger(triggerInvocation("ticker", "ticks", "poll", { shape: "spin" }))).rejects.toThrow(
      /ticker trigger ticks \(poll\) used more than 500 ms of CPU time|timed out/,
    );
  });

  test("declarations are checked: trigger keys, kinds and their inputs' connections", () => {
    const poll = pollingTrigger({ label: "P", inputs: {}, poll: async () => ({ items: [], cursor: null }) });
    expect(() => component({ key: "c", label: "C", actions: {}, triggers: { "bad-key": poll } })).toThrow(
      'trigger key "bad-key" must be lowerCamelCase',
    );
    expect(() => component({ key: "c", label: "C", actions: {}, triggers: { p: { label: "P" } as never } })).toThrow(
      'trigger "p" must be pollingTrigger({ … }) or webhookTrigger({ … })',
    );
    expect(() => component({ key: "c", label: "C", actions: {} })).toThrow("has no actions and no triggers");
    expect(() => pollingTrigger({ label: "P", inputs: {} } as never)).toThrow('pollingTrigger "P": poll must be a function');
    expect(() => webhookTrigger({ label: "", inputs: {} })).toThrow("webhookTrigger(): label is required");
    const account = connection({ key: "account", label: "Account", fields: { token: { label: "Token", type: "password" } } });
    const uses = webhookTrigger({ label: "W", inputs: { c: input({ label: "C", type: "credential", connection: account }) } });
    expect(() => component({ key: "c", label: "C", actions: {}, triggers: { w: uses } })).toThrow(
      'input "w.c" takes connection "account", which is not in connections',
    );
    expect(
      component({ key: "c", label: "C", actions: {}, connections: [account], triggers: { w: uses } }).manifest.triggers?.w.inputs[0],
    ).toMatchObject({
      connection: "account",
    });
  });
});

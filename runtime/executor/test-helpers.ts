/**
 * Builders for executor tests: in-process fake actions, a Map-backed StateStore, a sink that
 * records events, and `run()` to execute a flow with sensible defaults.
 */
import { runInNewContext } from "node:vm";
import type { ActionInvocation, ActionResult, ActionRunner, StateScope, StateStore } from "@/components-registry/contract";
import type { ConfigVar, Definition, Input, Step } from "../definition/schema";
import { executeFlow } from "./execute-flow";
import type { ExecuteFlowParams, ExecutionSink, LogEvent, RunOutcome, StepFinishedEvent, StepStartedEvent } from "./types";

export { ref, tpl, val } from "../definition/test-builders";
export const cfg = (configVar: string): Input => ({ configVar });
export const list = (...items: Input[]): Input => ({ list: items });

export function step(name: string, action: string, inputs: Record<string, Input> = {}, extra: Partial<Step> = {}): Step {
  return { name, action, inputs, ...extra };
}

export function loopStep(name: string, items: Input, steps: Step[]): Step {
  return { name, action: "loop.loopOverItems", inputs: { items }, steps };
}

export function codeStep(name: string, code: string): Step {
  return { name, action: "code.runCode", inputs: { code: { value: code } } };
}

export function definitionOf(steps: Step[], configVars: ConfigVar[] = []): Definition {
  return {
    definitionVersion: 1,
    name: "Test",
    ...(configVars.length > 0 ? { configPages: [{ name: "Config", elements: configVars.map((configVar) => ({ configVar })) }] } : {}),
    flows: [{ name: "Main flow", trigger: { type: "webhook" }, steps }],
  };
}

/** A fake action gets its resolved inputs and returns its `data`; `full()` returns a whole ActionResult. */
export type FakeAction = (inputs: Record<string, unknown>, invocation: ActionInvocation) => unknown;

const fullResults = new WeakSet<object>();
export function full(result: ActionResult): ActionResult {
  fullResults.add(result);
  return result;
}

/**
 * Runs `module.exports = async (context, stepResults) => ({ data })` like code.runCode does,
 * in a fresh V8 context, so tests see exactly what a code step sees.
 */
export const runCode: FakeAction = async (inputs, invocation) => {
  const module = { exports: undefined as unknown };
  runInNewContext(String(inputs.code), { module });
  const logger = {
    info: (m: string) => invocation.logger.log("info", m),
    warn: (m: string) => invocation.logger.log("warn", m),
    error: (m: string) => invocation.logger.log("error", m),
    debug: (m: string) => invocation.logger.log("debug", m),
  };
  const context = { logger, configVars: invocation.facts.configVars, executionId: invocation.facts.executionId };
  const returned =
    (await (module.exports as (c: unknown, s: unknown) => Promise<{ data: unknown }>)(context, invocation.stepResults)) ?? {};
  return full({ data: returned.data ?? null });
};

export interface FakeRunner extends ActionRunner {
  calls: ActionInvocation[];
}

export function fakeRunner(actions: Record<string, FakeAction>): FakeRunner {
  const all: Record<string, FakeAction> = { "code.runCode": runCode, ...actions };
  const calls: ActionInvocation[] = [];
  return {
    calls,
    async run(invocation) {
      calls.push(invocation);
      const action = all[`${invocation.component}.${invocation.action}`];
      if (!action) throw new Error(`no fake action ${invocation.component}.${invocation.action}`);
      const data = await action(invocation.inputs, invocation);
      return typeof data === "object" && data !== null && fullResults.has(data) ? (data as ActionResult) : { data };
    },
  };
}

export class MapStateStore implements StateStore {
  readonly values = new Map<string, unknown>();
  async get(scope: StateScope, key: string) {
    return this.values.get(`${scope}:${key}`) ?? null;
  }
  async set(scope: StateScope, key: string, value: unknown) {
    this.values.set(`${scope}:${key}`, value);
  }
  async delete(scope: StateScope, key: string) {
    this.values.delete(`${scope}:${key}`);
  }
}

export type RecordedEvent =
  | { type: "runStarted" }
  | ({ type: "stepStarted" } & StepStartedEvent)
  | ({ type: "stepFinished" } & StepFinishedEvent)
  | ({ type: "log" } & LogEvent)
  | { type: "runFinished" };

export interface RecordingSink extends ExecutionSink {
  events: RecordedEvent[];
  finished(stepKey?: string): StepFinishedEvent[];
  logs(): LogEvent[];
}

export function recordingSink(): RecordingSink {
  const events: RecordedEvent[] = [];
  return {
    events,
    runStarted: () => void events.push({ type: "runStarted" }),
    stepStarted: (e) => void events.push({ type: "stepStarted", ...e }),
    stepFinished: (e) => void events.push({ type: "stepFinished", ...e }),
    log: (e) => void events.push({ type: "log", ...e }),
    runFinished: () => void events.push({ type: "runFinished" }),
    finished: (stepKey) =>
      events.filter(
        (e): e is { type: "stepFinished" } & StepFinishedEvent =>
          e.type === "stepFinished" && (stepKey === undefined || e.stepKey === stepKey),
      ),
    logs: () => events.filter((e): e is { type: "log" } & LogEvent => e.type === "log"),
  };
}

export const TEST_FACTS: ExecuteFlowParams["facts"] = {
  executionId: "exec-1",
  instance: { id: "inst-1", name: "Test instance" },
  customer: { id: "cust-1", name: "Test customer" },
  webhookUrls: {},
  isTest: true,
};

export interface RunOptions extends Partial<Omit<ExecuteFlowParams, "definition">> {
  actions?: Record<string, FakeAction>;
  /** shorthand for a webhook trigger with this body */
  body?: unknown;
}

export async function run(
  definition: Definition,
  options: RunOptions = {},
): Promise<RunOutcome & { sink: RecordingSink; runner: ActionRunner }> {
  const sink = (options.sink as RecordingSink | undefined) ?? recordingSink();
  const runner = options.runner ?? fakeRunner(options.actions ?? {});
  const outcome = await executeFlow({
    definition,
    trigger: { results: { body: options.body ?? {}, headers: {}, query: {} } },
    configVars: {},
    facts: TEST_FACTS,
    state: new MapStateStore(),
    ...options,
    runner,
    sink,
  });
  return { ...outcome, sink, runner };
}

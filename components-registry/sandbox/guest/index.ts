/**
 * The sandbox's own script, run in every fresh context before the component's bundle. It installs
 * the small web-style globals V8 lacks, and the entry points the host calls. This file and its
 * imports run INSIDE isolated-vm: no Node APIs, nothing from the host but the lent references.
 */
import type { RunFacts } from "../../contract";
import type { ComponentDefinition, TriggerRequest } from "../../sdk/component";
import { atob, btoa } from "./base64";
import { makeConsole } from "./console";
import { makeContext } from "./context";
import { serializeError } from "./errors";
import { enterExecution, recordBaseline } from "./execution-reset";
import { fetch } from "./fetch";
import { Headers } from "./headers";
import { bindHost, sentThisCall, type HostReference } from "./host-bridge";
import { define } from "./modules";
import { Response } from "./response";
import { TextDecoder, TextEncoder } from "./text-codec";
import { clearAllTimers, clearTimer, queueMicrotask, setInterval, setTimeout } from "./timers";
import { URL, URLSearchParams } from "./url";

interface RunRequest {
  action: string;
  inputs: Record<string, unknown>;
  facts: RunFacts;
  /** sent with the call when the action's manifest says it reads them */
  stepResults?: Record<string, unknown>;
  /** set: run this phase of a trigger instead of an action (see sdk/trigger.ts) */
  trigger?: TriggerRequest;
}

const g = globalThis as Record<string, unknown>;
Object.assign(g, {
  TextEncoder,
  TextDecoder,
  URL,
  URLSearchParams,
  Headers,
  Response,
  atob,
  btoa,
  fetch,
  // frozen: a context can serve several executions of an instance (execution-reset.ts)
  console: Object.freeze(makeConsole()),
  setTimeout,
  setInterval,
  clearTimeout: clearTimer,
  clearInterval: clearTimer,
  queueMicrotask,
  __junctionDefine: define,
});

function findComponent(): ComponentDefinition {
  const ns = g.__junctionComponent as Record<string, unknown> | undefined;
  const candidates = [ns?.default, ns, ...Object.values(ns ?? {})];
  for (const c of candidates) {
    if (c && typeof c === "object" && (c as ComponentDefinition).kind === "junction.component") {
      return c as ComponentDefinition;
    }
  }
  throw new Error(
    'The package does not export a component: its entry must `export default component({ … })` (component from "@junction/sdk")',
  );
}

g.__junctionManifest = () => {
  const c = findComponent();
  if (c.sdkVersion !== 1) throw new Error(`The component was built with an unknown SDK version (${String(c.sdkVersion)})`);
  return c.manifest;
};

/**
 * Called once by the bundle's script while the context is prepared, off the call path: code runs
 * slowly the first time in a new context, so the entry's own steps take that hit then rather than
 * during the first real call. It records the globals an execution starts from (hardened when the
 * context will serve several executions), then goes.
 */
g.__junctionWarm = (shared: boolean) => {
  delete g.__junctionWarm;
  recordBaseline(shared);
  findComponent();
  makeContext({} as RunFacts);
};

/** Runs one action. */
g.__junctionRun = async (request: RunRequest, asyncHost: HostReference, syncHost: HostReference) => {
  enterExecution(request.facts.executionId);
  bindHost(asyncHost, syncHost);
  clearAllTimers();
  try {
    const c = findComponent();
    const context = makeContext(request.facts, request.stepResults);
    const result = request.trigger
      ? { data: await invokeTrigger(c, request.trigger, context) }
      : await c.invoke(request.action, context, request.inputs);
    return { ok: true, result, lines: sentThisCall() };
  } catch (e) {
    return { ok: false, error: serializeError(e), lines: sentThisCall() };
  }
};

function invokeTrigger(c: ComponentDefinition, request: TriggerRequest, context: ReturnType<typeof makeContext>): Promise<unknown> {
  if (!c.invokeTrigger) throw new Error("The component was built with an SDK that has no triggers");
  return c.invokeTrigger(request, context);
}

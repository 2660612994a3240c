/**
 * executeFlow walks one flow of a definition: each step's handler (handlers/index.ts) runs it,
 * this file applies what is common to every step — limits, onError, result size, events — and
 * keeps the run's state. Step failures never reject: they end in the outcome. executeFlow rejects
 * only for a caller's mistake (an unknown flow) or when the sink throws, since a run whose events
 * cannot be recorded should not go on.
 *
 * Hot path notes: step results live in one null-prototype object that is also the actions'
 * `stepResults` (no copies); a synchronous sink is called without awaiting; result sizes are
 * estimated up to the limit rather than serialized.
 */
import type { ActionResult, ActionRunner, HostLogger, LogLevel, RunFacts, StateStore } from "@/components-registry/contract";
import type { Definition } from "../definition/schema";
import { flowKey } from "../definition/step-key";
import { compileFlow, type CompiledFlow, type CompiledStep } from "./compile";
import { HANDLERS } from "./handlers/index";
import { secretScrubber, type Scrubber } from "./redact";
import type { ResolveContext, Scope } from "./resolve-inputs";
import { estimateJsonBytes } from "./result-size";
import type { Run, StepError, StepOutcome } from "./run";
import { retryWaitMs, toStepError } from "./step-error";
import {
  DEFAULT_LIMITS,
  type ExecuteFlowParams,
  type ExecutionLimits,
  type ExecutionSink,
  type LoopPath,
  type RunError,
  type RunOutcome,
  type RunStatus,
  type StepStatus,
} from "./types";

const NO_LOOP: LoopPath = Object.freeze([]);
const NULL_RESULT: ActionResult = Object.freeze({ data: null });
const CANCELED_ERROR: StepError = Object.freeze({ message: "the run was canceled", fatal: true });
const CANCELED: StepOutcome = Object.freeze({ type: "error", error: CANCELED_ERROR });

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | undefined)?.then === "function";
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

function findFlowIndex(definition: Definition, params: ExecuteFlowParams): number {
  if (params.flowName !== undefined) {
    const index = definition.flows.findIndex((f) => f.name === params.flowName || flowKey(f.name) === params.flowName);
    if (index < 0) throw new Error(`executeFlow: the definition has no flow "${params.flowName}"`);
    return index;
  }
  const index = params.flowIndex ?? 0;
  if (!definition.flows[index]) throw new Error(`executeFlow: the definition has no flow at index ${index}`);
  return index;
}

/** A class rather than a closure per step: cheaper to create; call it as `logger.log(…)`. */
class StepLogger implements HostLogger {
  constructor(
    private readonly run: FlowRun,
    private readonly stepKey: string,
  ) {}

  log(level: LogLevel, message: string): void {
    this.run.log(this.stepKey, level, String(message));
  }
}

class FlowRun implements Run {
  readonly scope: Scope = Object.create(null);
  readonly ctx: ResolveContext;
  readonly runner: ActionRunner;
  readonly state: StateStore;
  readonly limits: ExecutionLimits;
  readonly signal?: AbortSignal;
  /** replaced when a renewed credential brings a new secret */
  redact: Scrubber;
  loopPath: LoopPath = NO_LOOP;
  private readonly credentials?: ExecuteFlowParams["credentials"];

  private readonly sink: ExecutionSink;
  private readonly baseFacts: Omit<RunFacts, "stepKey">;
  readonly configVarsWithoutCredentials?: Record<string, unknown>;
  /** log events a sink has not finished with; awaited before the step's stepFinished */
  private pendingLogs: Promise<unknown>[] = [];
  private stepsExecuted = 0;
  private last: ActionResult = NULL_RESULT;
  private status: RunStatus = "succeeded";
  private error?: RunError;

  constructor(
    params: ExecuteFlowParams,
    private readonly flow: CompiledFlow,
  ) {
    const configVars = { ...flow.configDefaults, ...params.configVars };
    this.ctx = { scope: this.scope, configVars };
    this.scope.trigger = { results: params.trigger.results };
    this.runner = params.runner;
    this.state = params.state;
    this.signal = params.signal;
    this.sink = params.sink;
    this.limits = { ...DEFAULT_LIMITS, ...params.limits };
    this.credentials = params.credentials;
    this.redact = secretScrubber(configVars, flow.credentialKeys, this.credentials?.secrets());
    // what a run persists is read by later runs and shown on the instance page: no credential values in it
    if (this.redact.active) this.state = scrubbingState(params.state, () => this.redact);
    this.baseFacts = { ...params.facts, flow: { key: flow.key, name: flow.name }, configVars };
    this.configVarsWithoutCredentials = flow.credentialKeys.size === 0 ? undefined : withoutKeys(configVars, flow.credentialKeys);
  }

  /** Built field by field: a fresh literal is far cheaper than a spread on this hot path. */
  facts(stepKey: string): RunFacts {
    const base = this.baseFacts;
    return {
      executionId: base.executionId,
      flow: base.flow,
      stepKey,
      instance: base.instance,
      customer: base.customer,
      configVars: base.configVars,
      webhookUrls: base.webhookUrls,
      isTest: base.isTest,
    };
  }

  logger(stepKey: string): HostLogger {
    return new StepLogger(this, stepKey);
  }

  log(stepKey: string | null, level: LogLevel, message: string): void {
    if (!this.sink.log) return;
    const pending = this.sink.log({ stepKey, loopPath: this.loopPath, level, message: this.redact(message), at: Date.now() });
    // Caught here so a failing sink cannot raise an unhandled rejection; flushLogs rethrows.
    if (isPromise(pending))
      this.pendingLogs.push(
        pending.then(
          () => undefined,
          (error) => ({ sinkError: error }),
        ),
      );
  }

  private async flushLogs(): Promise<void> {
    const pending = this.pendingLogs;
    this.pendingLogs = [];
    for (const settled of await Promise.all(pending)) {
      if (settled && typeof settled === "object" && "sinkError" in settled) throw settled.sinkError;
    }
  }

  /** undefined (no await, no promise) when nothing is due: the common case on the hot path */
  renewCredentials(): Promise<void> | undefined {
    const credentials = this.credentials;
    if (!credentials?.due()) return undefined;
    return credentials.renew(this.ctx.configVars).then(() => {
      this.redact = secretScrubber(this.ctx.configVars, this.flow.credentialKeys, credentials.secrets());
    });
  }

  publish(step: CompiledStep, result: ActionResult): void {
    this.scope[step.key] = { results: result.data };
    this.last = result;
  }

  async runSteps(steps: CompiledStep[]): Promise<boolean> {
    for (let i = 0; i < steps.length; i++) if (!(await this.runStep(steps[i]))) return false;
    return true;
  }

  private async attempt(step: CompiledStep): Promise<StepOutcome> {
    if (step.invalid !== undefined) return { type: "error", error: { message: step.invalid } };
    let outcome: StepOutcome;
    try {
      outcome = await HANDLERS[step.kind](step, this);
    } catch (error) {
      // Handlers return failures; this catches the unforeseen (e.g. a template of a cyclic object).
      return { type: "error", error: toStepError(error, this.redact) };
    }
    if ((outcome.type === "result" && !outcome.published) || outcome.type === "stop") {
      const max = this.limits.maxResultBytes;
      outcome.bytes = estimateJsonBytes(outcome.result.data, max);
      if (outcome.bytes > max) {
        const message = `the result is larger than the limit of ${max} bytes`;
        return { type: "error", error: { message }, inputs: outcome.inputs };
      }
    }
    return outcome;
  }

  private async runStep(step: CompiledStep): Promise<boolean> {
    const loopPath = this.loopPath;
    if (this.sink.stepStarted) {
      const pending = this.sink.stepStarted({ stepKey: step.key, stepName: step.name, action: step.action, loopPath });
      if (isPromise(pending)) await pending;
    }
    if (this.signal?.aborted) return this.finishStep(step, loopPath, CANCELED, 0, 0);
    if (++this.stepsExecuted > this.limits.maxStepsExecuted) {
      const message = `the run exceeded the limit of ${this.limits.maxStepsExecuted} executed steps`;
      return this.finishStep(step, loopPath, { type: "error", error: { message, fatal: true } }, 0, 0);
    }

    const started = performance.now();
    let outcome = await this.attempt(step);
    let attempts = 1;
    const onError = step.onError;
    while (outcome.type === "error" && !outcome.error.fatal && onError.mode === "retry" && attempts <= onError.attempts) {
      const wait = retryWaitMs(outcome.error, onError.delayMs);
      this.log(step.key, "warn", `attempt ${attempts} failed: ${outcome.error.message}; retrying in ${wait} ms`);
      await sleep(wait, this.signal);
      if (this.signal?.aborted) {
        outcome = { ...CANCELED, inputs: outcome.inputs };
        break;
      }
      outcome = await this.attempt(step);
      attempts++;
    }
    return this.finishStep(step, loopPath, outcome, attempts, performance.now() - started);
  }

  /** Applies the outcome to the run, reports the step, and says whether the run goes on. */
  private async finishStep(
    step: CompiledStep,
    loopPath: LoopPath,
    outcome: StepOutcome,
    attempts: number,
    durationMs: number,
  ): Promise<boolean> {
    let status: StepStatus;
    let result: ActionResult | undefined;
    let bytes = 0;
    let error: StepError | undefined;
    switch (outcome.type) {
      case "result":
      case "stop":
        status = outcome.type === "stop" ? "stopped" : "succeeded";
        result = outcome.result;
        bytes = outcome.bytes ?? estimateJsonBytes(result.data, this.limits.maxResultBytes);
        if (outcome.type === "stop") this.status = "stopped";
        if (outcome.type === "stop" || !outcome.published) this.publish(step, result);
        break;
      case "halt":
        status = this.status === "stopped" ? "stopped" : "failed";
        break;
      case "error":
        error = outcome.error;
        if (!error.fatal && step.onError.mode === "ignore") {
          status = "ignored";
          result = NULL_RESULT;
          this.publish(step, result);
          this.log(step.key, "warn", `Step "${step.name}" failed; its error is ignored and the run goes on: ${error.message}`);
        } else {
          status = "failed";
          this.status = "failed";
          this.error = { message: error.message, stepKey: step.key, ...(error.stack ? { stack: error.stack } : {}) };
          // the run's logs say where and why it failed, by the name the designer shows (only on failure: no cost otherwise)
          if (error === CANCELED_ERROR) this.log(step.key, "warn", `Step "${step.name}" stopped: ${error.message}`);
          else this.log(step.key, "error", `Step "${step.name}" failed: ${error.message}`);
        }
        break;
    }
    if (this.pendingLogs.length > 0) await this.flushLogs();
    if (this.sink.stepFinished) {
      const pending = this.sink.stepFinished({
        stepKey: step.key,
        stepName: step.name,
        action: step.action,
        loopPath,
        status,
        durationMs,
        attempts,
        inputs: outcome.inputs,
        result: result && this.redact.value(result),
        resultBytes: bytes,
        ...(error ? { error: { message: error.message, ...(error.stack ? { stack: error.stack } : {}) } } : {}),
      });
      if (isPromise(pending)) await pending;
    }
    return status === "succeeded" || status === "ignored";
  }

  async execute(executionId: string): Promise<RunOutcome> {
    const startedAt = Date.now();
    const started = performance.now();
    if (this.sink.runStarted) {
      const pending = this.sink.runStarted({ executionId, flow: { key: this.flow.key, name: this.flow.name }, startedAt });
      if (isPromise(pending)) await pending;
    }
    await this.runSteps(this.flow.steps);
    if (this.pendingLogs.length > 0) await this.flushLogs();

    const stepResults: Record<string, unknown> = {};
    for (const key in this.scope) {
      const entry = this.scope[key];
      if (key !== "trigger" && entry && "results" in entry) stepResults[key] = entry.results;
    }
    const outcome: RunOutcome = {
      status: this.status,
      // what is stored and answered; the steps themselves had the real values
      result: this.redact.value(this.last),
      stepResults,
      stepsExecuted: Math.min(this.stepsExecuted, this.limits.maxStepsExecuted),
      ...(this.error ? { error: this.error } : {}),
    };
    if (this.sink.runFinished) {
      const pending = this.sink.runFinished({
        status: outcome.status,
        durationMs: performance.now() - started,
        stepsExecuted: outcome.stepsExecuted,
        result: outcome.result,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      if (isPromise(pending)) await pending;
    }
    return outcome;
  }
}

export async function executeFlow(params: ExecuteFlowParams): Promise<RunOutcome> {
  const flowIndex = findFlowIndex(params.definition, params);
  const flow = compileFlow(params.definition, flowIndex, params.credentialKeys);
  return new FlowRun(params, flow).execute(params.facts.executionId);
}

function withoutKeys(values: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !keys.has(k)));
}

function scrubbingState(state: StateStore, redact: () => Scrubber): StateStore {
  return {
    get: (scope, key) => state.get(scope, key),
    set: (scope, key, value) => state.set(scope, key, redact().value(value)),
    delete: (scope, key) => state.delete(scope, key),
  };
}

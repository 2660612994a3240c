/** What a step handler sees of the run, and what it hands back. */
import type { ActionResult, ActionRunner, HostLogger, RunFacts, StateStore } from "@/components-registry/contract";
import type { CompiledStep } from "./compile";
import type { ResolveContext, Scope } from "./resolve-inputs";
import type { ExecutionLimits, LoopPath, StepErrorInfo } from "./types";

export interface StepError extends StepErrorInfo {
  /** a limit or a cancelation: ends the run whatever the step's onError says */
  fatal?: boolean;
}

/**
 * A handler's verdict. `halt`: a step inside this one (in a loop or branch) already ended the run.
 * `published`: the handler made its result visible itself, before running inner steps.
 * `bytes`: the result's size, once the executor has measured it.
 */
export type StepOutcome =
  | { type: "result"; result: ActionResult; inputs?: Record<string, unknown>; published?: boolean; bytes?: number }
  | { type: "stop"; result: ActionResult; inputs?: Record<string, unknown>; bytes?: number }
  | { type: "error"; error: StepError; inputs?: Record<string, unknown> }
  | { type: "halt"; inputs?: Record<string, unknown> };

export interface Run {
  readonly scope: Scope;
  readonly ctx: ResolveContext;
  readonly runner: ActionRunner;
  readonly state: StateStore;
  readonly limits: ExecutionLimits;
  readonly signal?: AbortSignal;
  /** the loop iterations around the running step; handlers of loops set it per iteration */
  loopPath: LoopPath;
  /** runs steps in order; false when one of them ended the run (failed or stopped) */
  runSteps(steps: CompiledStep[]): Promise<boolean>;
  /** makes a result the step's results for later steps and the run's latest result */
  publish(step: CompiledStep, result: ActionResult): void;
  facts(stepKey: string): RunFacts;
  /** the config values an uploaded component may see (undefined: the run has no credentials) */
  readonly configVarsWithoutCredentials?: Record<string, unknown>;
  logger(stepKey: string): HostLogger;
  /** scrubs credential values out of a message */
  redact(text: string): string;
  /** renews credentials about to expire (OAuth 2.0 access tokens) before an action step uses them */
  renewCredentials(): Promise<void> | undefined;
}

/** The results of a step that did not run: a branch not taken, a loop over no items. */
export const NOT_RUN = Object.freeze({ results: null });

/** One signature for every kind of step; a handler returns its outcome and never throws. */
export type Handler = (step: CompiledStep, run: Run) => Promise<StepOutcome>;

/** The executor's public types: what executeFlow takes, what it reports as it goes, what it returns. */
import type { ActionResult, ActionRunner, LogLevel, RunFacts, StateStore } from "@/components-registry/contract";
import type { Definition } from "../definition/schema";

/** One level of loop nesting: which loop, which item. */
export interface LoopIteration {
  loopKey: string;
  index: number;
}
/** Outermost loop first; empty outside loops. Shared by every event of one iteration. */
export type LoopPath = readonly LoopIteration[];

export type RunStatus = "succeeded" | "failed" | "stopped";
/** `ignored`: failed with `onError: ignore`, result null, the run went on. */
export type StepStatus = "succeeded" | "failed" | "ignored" | "stopped";

export interface StepErrorInfo {
  message: string;
  /** the action's own frames only */
  stack?: string;
}

export interface RunStartedEvent {
  executionId: string;
  flow: { key: string; name: string };
  /** epoch milliseconds */
  startedAt: number;
}

export interface StepStartedEvent {
  stepKey: string;
  stepName: string;
  action: string;
  loopPath: LoopPath;
}

export interface StepFinishedEvent {
  stepKey: string;
  stepName: string;
  action: string;
  loopPath: LoopPath;
  /**
   * A loop or branch finishes after the steps inside it; when one of those ended the run it
   * finishes `failed` or `stopped` without an error of its own (the error is on the inner step).
   */
  status: StepStatus;
  durationMs: number;
  /** 1, or more when `onError: retry` tried again */
  attempts: number;
  /** inputs as resolved, with credentials replaced by "[redacted]"; absent if they never resolved */
  inputs?: Record<string, unknown>;
  /** the step's result (`data` plus any statusCode/headers/contentType) when it has one */
  result?: ActionResult;
  /** the result's size as JSON (binary data by byte length), estimated without serializing */
  resultBytes: number;
  error?: StepErrorInfo;
}

export interface LogEvent {
  /** null for the executor's own messages about the run */
  stepKey: string | null;
  loopPath: LoopPath;
  level: LogLevel;
  /** credentials' values replaced by "[redacted]" */
  message: string;
  /** epoch milliseconds */
  at: number;
}

export interface RunFinishedEvent {
  status: RunStatus;
  durationMs: number;
  stepsExecuted: number;
  result: ActionResult;
  error?: RunError;
}

/**
 * Where a run reports as it goes (the database and the live test pane in production). Every
 * method is optional and may return a promise, which the executor awaits before going on — so a
 * slow sink slows the run rather than piling up events; a synchronous sink costs no await.
 * Events hold references to live values: copy or serialize what you keep.
 */
export interface ExecutionSink {
  runStarted?(event: RunStartedEvent): void | Promise<void>;
  stepStarted?(event: StepStartedEvent): void | Promise<void>;
  stepFinished?(event: StepFinishedEvent): void | Promise<void>;
  log?(event: LogEvent): void | Promise<void>;
  runFinished?(event: RunFinishedEvent): void | Promise<void>;
}

export interface ExecutionLimits {
  /** steps started in one run, loop iterations included (default 100,000) */
  maxStepsExecuted: number;
  /** items one loop step may iterate over (default 100,000) */
  maxLoopIterations: number;
  /** a step result's size as JSON; binary counts its byte length (default 10 MB) */
  maxResultBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ExecutionLimits> = {
  maxStepsExecuted: 100_000,
  maxLoopIterations: 100_000,
  maxResultBytes: 10 * 1024 * 1024,
};

export interface ExecuteFlowParams {
  definition: Definition;
  /** the flow to run, by name (or key); else flowIndex; else the first flow */
  flowName?: string;
  flowIndex?: number;
  trigger: { results: unknown };
  /** the instance's config values; a variable without one falls back to its definition default */
  configVars: Record<string, unknown>;
  /** config variables whose values are secret; by default those of type credential */
  credentialKeys?: readonly string[];
  runner: ActionRunner;
  /** RunFacts except what the executor knows itself: the step, the flow and the config values */
  facts: Omit<RunFacts, "stepKey" | "flow" | "configVars">;
  state: StateStore;
  sink: ExecutionSink;
  limits?: Partial<ExecutionLimits>;
  /** aborting ends the run before its next step (and is passed on to the running action) */
  signal?: AbortSignal;
  /** credentials that expire during a run (OAuth 2.0 connections): renewed before an action step needs them */
  credentials?: CredentialRenewer;
}

export interface CredentialRenewer {
  /** true when a credential is about to expire (checked before each action step: cheap) */
  due(): boolean;
  /** renews what is due, writing the new values into the run's config values */
  renew(configVars: Record<string, unknown>): Promise<void>;
  /** every secret value it has handed out, to scrub from what the run leaves behind */
  secrets(): readonly string[];
}

export interface RunError {
  message: string;
  stepKey: string;
  stack?: string;
}

export interface RunOutcome {
  /** `stopped` is a successful end through stopExecution.stop */
  status: RunStatus;
  /** the result of the last step that ran (`{ data: null }` when none did) */
  result: ActionResult;
  /** each step's results by key; null for steps in branches not taken */
  stepResults: Record<string, unknown>;
  error?: RunError;
  stepsExecuted: number;
}

/**
 * A flow is compiled once per definition object (and set of credential keys) into a tree of
 * steps with their inputs and conditions as resolver functions, so a run does no parsing.
 * A step that cannot be compiled (a malformed reference in an unvalidated definition) still
 * compiles: it fails with that message when, and only if, it runs.
 */
import { componentVersionFor } from "../definition/component-version";
import type { Definition, JsonValue, Step } from "../definition/schema";
import { flowKey, stepKey } from "../definition/step-key";
import { splitAction, structuralAction, type StructuralKind } from "../definition/structural-actions";
import { compileCondition, type CompiledCondition } from "./conditions";
import { compileInputs, type CompiledInputs } from "./resolve-inputs";

export type StepKind = "action" | StructuralKind;

export interface CompiledBranch {
  name: string;
  when?: JsonValue;
  condition?: CompiledCondition;
  steps: CompiledStep[];
}

export interface CompiledStep {
  key: string;
  name: string;
  action: string;
  kind: StepKind;
  component: string;
  actionKey: string;
  version?: string;
  inputs: CompiledInputs;
  onError: { mode: "fail" | "ignore" | "retry"; attempts: number; delayMs: number };
  /** a loop's steps */
  steps: CompiledStep[];
  branches: CompiledBranch[];
  elseSteps: CompiledStep[];
  /**
   * The keys of every step inside, per nested list (a loop's steps; or each branch, then else):
   * they read as null when their list does not run, instead of keeping an earlier iteration's.
   */
  nestedKeys: string[][];
  /** why this step cannot run, if it cannot */
  invalid?: string;
}

export interface CompiledFlow {
  key: string;
  name: string;
  steps: CompiledStep[];
  /** config variables with a default in the definition */
  configDefaults: Record<string, unknown>;
  /** config variables whose values are censored and scrubbed */
  credentialKeys: ReadonlySet<string>;
}

/** `onError: retry` without `attempts`/`delayMs`. */
export const RETRY_DEFAULTS = { attempts: 3, delayMs: 1000 };

const NO_INPUTS: CompiledInputs = { names: [], inputs: [], sensitive: false };

function keysWithin(steps: CompiledStep[], out: string[] = []): string[] {
  for (const step of steps) {
    out.push(step.key);
    keysWithin(step.steps, out);
    for (const branch of step.branches) keysWithin(branch.steps, out);
    keysWithin(step.elseSteps, out);
  }
  return out;
}

function compileStep(definition: Definition, step: Step, credentialKeys: ReadonlySet<string>): CompiledStep {
  const { component, action } = splitAction(step.action);
  const compileList = (steps: Step[] | undefined) => (steps ?? []).map((s) => compileStep(definition, s, credentialKeys));
  const compiled: CompiledStep = {
    key: stepKey(step.name),
    name: step.name,
    action: step.action,
    kind: structuralAction(step.action)?.kind ?? "action",
    component,
    actionKey: action,
    version: componentVersionFor(definition, step),
    inputs: NO_INPUTS,
    onError: {
      mode: step.onError?.mode ?? "fail",
      attempts: step.onError?.attempts ?? RETRY_DEFAULTS.attempts,
      delayMs: step.onError?.delayMs ?? RETRY_DEFAULTS.delayMs,
    },
    steps: compileList(step.steps),
    branches: [],
    elseSteps: compileList(step.else),
    nestedKeys: [],
  };
  try {
    compiled.inputs = compileInputs(step.inputs, credentialKeys);
    compiled.branches = (step.branches ?? []).map((branch) => ({
      name: branch.name,
      when: branch.when,
      condition: branch.condition ? compileCondition(branch.condition, credentialKeys) : undefined,
      steps: compileList(branch.steps),
    }));
  } catch (error) {
    compiled.invalid = (error as Error).message;
  }
  compiled.nestedKeys =
    compiled.kind === "loop"
      ? [keysWithin(compiled.steps)]
      : [...compiled.branches.map((b) => keysWithin(b.steps)), keysWithin(compiled.elseSteps)];
  return compiled;
}

function configDefaults(definition: Definition): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const page of definition.configPages ?? []) {
    for (const element of page.elements) {
      if ("configVar" in element && "default" in element.configVar && element.configVar.default !== undefined) {
        defaults[element.configVar.key] = element.configVar.default;
      }
    }
  }
  return defaults;
}

function credentialVarKeys(definition: Definition): string[] {
  return (definition.configPages ?? []).flatMap((page) =>
    page.elements.flatMap((e) => ("configVar" in e && e.configVar.type === "credential" ? [e.configVar.key] : [])),
  );
}

const cache = new WeakMap<Definition, Map<string, CompiledFlow>>();

/**
 * Compiled flows are cached per definition object: treat a definition as immutable once run.
 * Credentials are the definition's credential variables unless `credentialKeys` names them.
 */
export function compileFlow(definition: Definition, flowIndex: number, credentialKeys?: readonly string[]): CompiledFlow {
  const cacheKey = credentialKeys ? `${flowIndex}\u0000${[...credentialKeys].sort().join("\u0000")}` : String(flowIndex);
  let flows = cache.get(definition);
  const hit = flows?.get(cacheKey);
  if (hit) return hit;
  const flow = definition.flows[flowIndex];
  const credentials = new Set(credentialKeys ?? credentialVarKeys(definition));
  const compiled: CompiledFlow = {
    key: flowKey(flow.name),
    name: flow.name,
    steps: flow.steps.map((step) => compileStep(definition, step, credentials)),
    configDefaults: configDefaults(definition),
    credentialKeys: credentials,
  };
  if (!flows) cache.set(definition, (flows = new Map()));
  flows.set(cacheKey, compiled);
  return compiled;
}

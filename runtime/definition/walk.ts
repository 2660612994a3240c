/** Visits the steps and inputs of a definition in document order, with their paths. */
import type { Condition, Definition, Input, Step } from "./schema";
import type { PathSegment } from "./reference";

export interface StepVisit {
  step: Step;
  path: PathSegment[];
  flowIndex: number;
}

/** The step lists nested directly in a step (a loop's steps, each branch's, else), with paths. */
export function childStepLists(step: Step, path: readonly PathSegment[]): { steps: Step[]; path: PathSegment[] }[] {
  const lists: { steps: Step[]; path: PathSegment[] }[] = [];
  if (step.steps) lists.push({ steps: step.steps, path: [...path, "steps"] });
  step.branches?.forEach((branch, i) => lists.push({ steps: branch.steps, path: [...path, "branches", i, "steps"] }));
  if (step.else) lists.push({ steps: step.else, path: [...path, "else"] });
  return lists;
}

export function* stepsIn(steps: Step[], path: readonly PathSegment[], flowIndex: number): Generator<StepVisit> {
  for (let i = 0; i < steps.length; i++) {
    const stepPath = [...path, i];
    yield { step: steps[i], path: stepPath, flowIndex };
    for (const list of childStepLists(steps[i], stepPath)) yield* stepsIn(list.steps, list.path, flowIndex);
  }
}

export function* allSteps(definition: Definition): Generator<StepVisit> {
  for (let f = 0; f < definition.flows.length; f++) yield* stepsIn(definition.flows[f].steps, ["flows", f, "steps"], f);
}

export interface InputVisit {
  input: Input;
  path: PathSegment[];
}

/** An input and, for a list, every item inside it. */
export function* inputTree(input: Input, path: PathSegment[]): Generator<InputVisit> {
  yield { input, path };
  if ("list" in input) {
    for (let i = 0; i < input.list.length; i++) yield* inputTree(input.list[i], [...path, "list", i]);
  }
}

function* conditionInputs(condition: Condition, path: PathSegment[]): Generator<InputVisit> {
  if ("all" in condition || "any" in condition) {
    const group = "all" in condition ? "all" : "any";
    const items = "all" in condition ? condition.all : condition.any;
    for (let i = 0; i < items.length; i++) yield* conditionInputs(items[i], [...path, group, i]);
    return;
  }
  yield* inputTree(condition.left, [...path, "left"]);
  if (condition.right) yield* inputTree(condition.right, [...path, "right"]);
}

/** Every input a step evaluates before it runs: its inputs and its branches' conditions. */
export function* stepInputs(step: Step, path: readonly PathSegment[]): Generator<InputVisit> {
  for (const [name, input] of Object.entries(step.inputs ?? {})) yield* inputTree(input, [...path, "inputs", name]);
  for (let i = 0; i < (step.branches?.length ?? 0); i++) {
    const condition = step.branches![i].condition;
    if (condition) yield* conditionInputs(condition, [...path, "branches", i, "condition"]);
  }
}

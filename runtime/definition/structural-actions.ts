/**
 * The actions the executor runs itself. Their inputs are fixed here so a definition is checked
 * the same way whether or not a component registry is at hand.
 */
export type StructuralKind = "loop" | "branchOnValue" | "branchOnExpression" | "selectExecutedStepResult" | "stopExecution";

export interface StructuralAction {
  kind: StructuralKind;
  inputs: Record<string, { required: boolean }>;
}

export const STRUCTURAL_ACTIONS: Readonly<Record<string, StructuralAction>> = {
  "loop.loopOverItems": { kind: "loop", inputs: { items: { required: true } } },
  "branch.branchOnValue": { kind: "branchOnValue", inputs: { value: { required: true } } },
  "branch.branchOnExpression": { kind: "branchOnExpression", inputs: {} },
  "selectExecutedStepResult.select": {
    kind: "selectExecutedStepResult",
    inputs: { stepResults: { required: true } },
  },
  "stopExecution.stop": {
    kind: "stopExecution",
    inputs: { statusCode: { required: false }, headers: { required: false }, body: { required: false } },
  },
};

export function structuralAction(action: string): StructuralAction | undefined {
  return Object.hasOwn(STRUCTURAL_ACTIONS, action) ? STRUCTURAL_ACTIONS[action] : undefined;
}

/** `http.get` → `{ component: "http", action: "get" }`. */
export function splitAction(action: string): { component: string; action: string } {
  const dot = action.indexOf(".");
  return { component: action.slice(0, dot), action: action.slice(dot + 1) };
}

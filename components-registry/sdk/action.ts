/**
 * Declaring an action: designer metadata plus `perform(context, inputs)`, whose `inputs` are typed
 * from the `inputs` declaration.
 */
import type { ActionResult } from "../contract";
import type { ActionContext } from "./context";
import { input, type InputSpec, type InputValues } from "./input";

export type PerformResult = ActionResult;

export type Perform<I extends Record<string, InputSpec>> = (context: ActionContext, inputs: InputValues<I>) => Promise<PerformResult>;

interface ActionBase<I extends Record<string, InputSpec>> {
  label: string;
  description?: string;
  inputs: I;
  /**
   * The action reads `context.stepResults` on (nearly) every call, as a code step does: they are
   * sent with the call instead of fetched from the host when first read.
   */
  readsStepResults?: boolean;
}

/** Structural actions (branch, loop, …) are run by the executor itself: no `perform`. */
export type ActionSpec<I extends Record<string, InputSpec>> = ActionBase<I> &
  ({ structural?: false; perform: Perform<I> } | { structural: true; perform?: undefined });

export type ActionDefinition<I extends Record<string, InputSpec> = Record<string, InputSpec>> = ActionSpec<I>;

export function action<const I extends Record<string, InputSpec>>(spec: ActionSpec<I>): ActionDefinition<I> {
  if (!spec || typeof spec.label !== "string" || spec.label === "") throw new Error("action(): label is required");
  const { label } = spec;
  if (!spec.structural && typeof spec.perform !== "function") {
    throw new Error(`action "${label}": perform must be a function (or mark the action structural: true)`);
  }
  // re-check inputs built without input(), e.g. plain objects
  for (const spec_ of Object.values(spec.inputs ?? {})) input(spec_);
  return spec;
}

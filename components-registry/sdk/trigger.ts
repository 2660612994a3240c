/**
 * Declaring a component trigger: what starts a flow from the outside system's side.
 *
 * - `pollingTrigger`: the runtime calls `poll(context, inputs, cursor)` on the flow's schedule;
 *   each returned item becomes one execution (its `trigger.results.body`), and the returned
 *   cursor is kept per instance flow for the next poll. `acknowledge(context, inputs, items)`
 *   runs after those executions are committed, in the same sandbox execution as the poll (so a
 *   queue consumer acks on the channel it read from).
 * - `webhookTrigger`: calls arrive at the flow's webhook URL as for a plain webhook flow;
 *   `onInstanceDeploy` subscribes at the remote system (its return value is kept as the
 *   subscription state) and `onInstanceDelete` unsubscribes with that state.
 */
import type { ActionContext } from "./context";
import { input, type InputSpec, type InputValues } from "./input";

export interface PollResult {
  items: unknown[];
  /** plain data (JSON); undefined keeps the previous cursor */
  cursor: unknown;
}

interface TriggerBase<I extends Record<string, InputSpec>> {
  label: string;
  description?: string;
  inputs: I;
}

export interface PollingTriggerSpec<I extends Record<string, InputSpec>> extends TriggerBase<I> {
  /** `cursor` is undefined on the first poll of an instance flow */
  poll(context: ActionContext, inputs: InputValues<I>, cursor: unknown): Promise<PollResult>;
  acknowledge?(context: ActionContext, inputs: InputValues<I>, items: unknown[]): Promise<void>;
}

export interface WebhookTriggerSpec<I extends Record<string, InputSpec>> extends TriggerBase<I> {
  /** `context.webhookUrls[context.flow.key]` is the URL to subscribe; the result is kept as the subscription state */
  onInstanceDeploy?(context: ActionContext, inputs: InputValues<I>): Promise<unknown>;
  onInstanceDelete?(context: ActionContext, inputs: InputValues<I>, state: unknown): Promise<void>;
}

export const TRIGGER_KIND = "junction.trigger";

export type TriggerDefinition<I extends Record<string, InputSpec> = Record<string, InputSpec>> =
  | ({ kind: typeof TRIGGER_KIND; type: "polling" } & PollingTriggerSpec<I>)
  | ({ kind: typeof TRIGGER_KIND; type: "webhook" } & WebhookTriggerSpec<I>);

export type TriggerPhase = "poll" | "acknowledge" | "deploy" | "delete";

function checkBase(what: string, spec: { label?: unknown; inputs?: unknown }): void {
  if (!spec || typeof spec.label !== "string" || spec.label === "") throw new Error(`${what}(): label is required`);
  for (const i of Object.values((spec.inputs ?? {}) as Record<string, InputSpec>)) input(i);
}

export function pollingTrigger<const I extends Record<string, InputSpec>>(spec: PollingTriggerSpec<I>): TriggerDefinition<I> {
  checkBase("pollingTrigger", spec);
  if (typeof spec.poll !== "function") throw new Error(`pollingTrigger "${spec.label}": poll must be a function`);
  if (spec.acknowledge !== undefined && typeof spec.acknowledge !== "function") {
    throw new Error(`pollingTrigger "${spec.label}": acknowledge must be a function`);
  }
  return { ...spec, kind: TRIGGER_KIND, type: "polling" };
}

export function webhookTrigger<const I extends Record<string, InputSpec>>(spec: WebhookTriggerSpec<I>): TriggerDefinition<I> {
  checkBase("webhookTrigger", spec);
  for (const hook of ["onInstanceDeploy", "onInstanceDelete"] as const) {
    if (spec[hook] !== undefined && typeof spec[hook] !== "function") {
      throw new Error(`webhookTrigger "${spec.label}": ${hook} must be a function`);
    }
  }
  return { ...spec, kind: TRIGGER_KIND, type: "webhook" };
}

/** Builds TriggerInvocations for tests, as test-support/invocation.ts does for actions. */
import type { TriggerInvocation, TriggerPhase } from "@/components-registry/contract";
import { invocation } from "@/components-registry/test-support/invocation";

export function triggerInvocation(
  component: string,
  trigger: string,
  phase: TriggerPhase,
  inputs: Record<string, unknown>,
  extra: Partial<TriggerInvocation> = {},
): TriggerInvocation {
  const { action, stepResults, lines, ...base } = invocation(component, trigger, inputs);
  return { ...base, trigger, phase, ...extra };
}

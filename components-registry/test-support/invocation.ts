/** Builds ActionInvocations for tests: a Map-backed StateStore and a logger that keeps its lines. */
import type { ActionInvocation, LogLevel, StateScope, StateStore } from "../contract";

export function memoryState(): StateStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  const k = (scope: StateScope, key: string) => `${scope}:${key}`;
  return {
    values,
    get: async (scope, key) => values.get(k(scope, key)),
    set: async (scope, key, value) => void values.set(k(scope, key), value),
    delete: async (scope, key) => void values.delete(k(scope, key)),
  };
}

export function invocation(
  component: string,
  action: string,
  inputs: Record<string, unknown> = {},
  extra: Partial<ActionInvocation> = {},
): ActionInvocation & { lines: { level: LogLevel; message: string }[] } {
  const lines: { level: LogLevel; message: string }[] = [];
  return {
    component,
    action,
    inputs,
    facts: {
      executionId: "exec-1",
      flow: { key: "flow", name: "Flow" },
      stepKey: "step",
      instance: { id: "inst-1", name: "Instance" },
      customer: { id: "cust-1", name: "Acme", externalId: null },
      configVars: {},
      webhookUrls: {},
      isTest: false,
    },
    stepResults: {},
    logger: { log: (level, message) => void lines.push({ level, message }) },
    state: memoryState(),
    lines,
    ...extra,
  };
}

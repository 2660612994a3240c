/** Adding, renaming and deleting flows of a draft: pure, so the designer's undo history keeps each as one step. */
import { flowKey, type Definition } from "@/runtime/definition";

export type FlowEdit = { ok: true; definition: Definition } | { ok: false; error: string };

/** A new webhook flow named `Flow <n>` with the first free key; it goes last. */
export function addFlow(definition: Definition): Definition {
  const taken = new Set(definition.flows.map((f) => flowKey(f.name)));
  let n = definition.flows.length + 1;
  while (taken.has(flowKey(`Flow ${n}`))) n++;
  return { ...definition, flows: [...definition.flows, { name: `Flow ${n}`, trigger: { type: "webhook" }, steps: [] }] };
}

/** Why `name` cannot name flow `index`, or null; the rule validation applies (a key, unique among the flows). */
export function flowNameProblem(definition: Definition, index: number, name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "a flow needs a name";
  const key = flowKey(trimmed);
  if (!key) return "the name needs a letter or digit";
  const clash = definition.flows.find((f, i) => i !== index && flowKey(f.name) === key);
  return clash ? `the flow "${clash.name}" already has the key "${key}"` : null;
}

export function renameFlow(definition: Definition, index: number, name: string): FlowEdit {
  const problem = flowNameProblem(definition, index, name);
  if (problem) return { ok: false, error: problem };
  const flows = definition.flows.map((f, i) => (i === index ? { ...f, name: name.trim() } : f));
  return { ok: true, definition: { ...definition, flows } };
}

export const LAST_FLOW_MESSAGE = "An integration needs at least one flow: add another flow before deleting this one.";

export function deleteFlow(definition: Definition, index: number): FlowEdit {
  if (definition.flows.length <= 1) return { ok: false, error: LAST_FLOW_MESSAGE };
  return { ok: true, definition: { ...definition, flows: definition.flows.filter((_, i) => i !== index) } };
}

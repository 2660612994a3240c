/**
 * Renaming steps rewrites every reference to them: reference inputs, templates, conditions, list
 * items, retry cancelation keys and code steps' `stepResults.<key>`. A batch is applied at once
 * (each reference is looked up in the old → new map a single time), so swaps and cycles
 * (a → b, b → a) come out right; a batch whose result would repeat a key is refused whole.
 */
import { parseTemplate, referenceKeySpan } from "./reference";
import { renameStepKeysInCode } from "./rename-in-code";
import type { Definition, Input, Step } from "./schema";
import { stepKey } from "./step-key";
import { allSteps, inputTree, stepInputs } from "./walk";

export type RenameResult = { ok: true; definition: Definition } | { ok: false; error: string };

const RESERVED_KEYS = new Set(["trigger", "configVars"]);

function renameInReference(text: string, keys: ReadonlyMap<string, string>): string {
  const span = referenceKeySpan(text);
  const renamed = span && keys.get(span.key);
  return renamed ? text.slice(0, span.start) + renamed + text.slice(span.end) : text;
}

function renameInTemplate(template: string, keys: ReadonlyMap<string, string>): string {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return template;
  let out = template;
  for (const part of [...parsed.value].reverse()) {
    if (part.kind !== "expression" || part.expression.kind !== "reference") continue;
    const rewritten = renameInReference(part.source, keys);
    out = out.slice(0, part.offset) + rewritten + out.slice(part.offset + part.source.length);
  }
  return out;
}

/** One input node; the walkers below reach list items themselves. */
function renameInInput(input: Input, keys: ReadonlyMap<string, string>): void {
  if ("reference" in input) input.reference = renameInReference(input.reference, keys);
  else if ("template" in input) input.template = renameInTemplate(input.template, keys);
}

function renameInStep(step: Step, keys: ReadonlyMap<string, string>): void {
  for (const { input } of stepInputs(step, [])) renameInInput(input, keys);
  const code = step.inputs?.code;
  if (step.action === "code.runCode" && code && "value" in code && typeof code.value === "string") {
    code.value = renameStepKeysInCode(code.value, keys);
  }
}

/** Renames steps by name (`{ "Fetch orders": "Load orders" }`), all at once. */
export function renameSteps(definition: Definition, renames: Readonly<Record<string, string>>): RenameResult {
  const steps = [...allSteps(definition)];
  const byName = new Map(steps.map((s) => [s.step.name, s.step]));
  for (const [oldName, newName] of Object.entries(renames)) {
    if (!byName.has(oldName)) return { ok: false, error: `there is no step named "${oldName}"` };
    const key = stepKey(newName);
    if (key === "") return { ok: false, error: `"${newName}" has no letter or digit to make a key from` };
    if (RESERVED_KEYS.has(key)) return { ok: false, error: `"${newName}" gives the reserved key "${key}"` };
  }
  const finalNames = new Map<string, string>();
  for (const { step } of steps) {
    const name = renames[step.name] ?? step.name;
    const key = stepKey(name);
    const other = finalNames.get(key);
    if (other !== undefined) {
      return { ok: false, error: `renaming would give "${other}" and "${name}" the same key "${key}"` };
    }
    finalNames.set(key, name);
  }

  const keys = new Map<string, string>();
  for (const [oldName, newName] of Object.entries(renames)) {
    if (stepKey(oldName) !== stepKey(newName)) keys.set(stepKey(oldName), stepKey(newName));
  }
  const next = structuredClone(definition);
  for (const { step } of allSteps(next)) {
    if (Object.hasOwn(renames, step.name)) step.name = renames[step.name];
    if (keys.size > 0) renameInStep(step, keys);
  }
  if (keys.size > 0) {
    for (const flow of next.flows) {
      const cancelationKey = flow.execution?.retry?.cancelationKey;
      if (!cancelationKey) continue;
      for (const { input } of inputTree(cancelationKey, [])) renameInInput(input, keys);
    }
  }
  return { ok: true, definition: next };
}

export function renameStep(definition: Definition, oldName: string, newName: string): RenameResult {
  return renameSteps(definition, { [oldName]: newName });
}

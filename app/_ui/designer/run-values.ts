/**
 * Values seen in a test run, for suggesting reference paths: each step's result (its last
 * iteration), the trigger's payload, and a loop's current item (the first of the items it got).
 */
import { parseReference, stepKey, type Definition, type PathSegment } from "@/runtime/definition";
import { allEntries } from "./step-tree";

export interface RunValues {
  trigger: unknown;
  steps: { stepKey: string; result: unknown }[];
}

function walk(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const segment of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

export function resultOf(run: RunValues, key: string): unknown {
  if (key === "trigger") return run.trigger;
  const rows = run.steps.filter((s) => s.stepKey === key);
  return rows[rows.length - 1]?.result;
}

/** What `reference` gave in the run, when it can be told. */
export function valueOfReference(def: Definition, run: RunValues, reference: string, depth = 0): unknown {
  const parsed = parseReference(reference);
  if (!parsed.ok || depth > 5) return undefined;
  const { key, kind, path } = parsed.value;
  if (kind === "index") return 0;
  if (kind === "results") return walk(resultOf(run, key), path);
  // currentItem: the first of the loop's items
  const loop = findLoop(def, key);
  const items = loop?.inputs?.items;
  if (!items || !("reference" in items)) return undefined;
  const list = valueOfReference(def, run, items.reference, depth + 1);
  return Array.isArray(list) ? walk(list[0], path) : undefined;
}

function findLoop(def: Definition, key: string) {
  return allEntries(def).find((e) => stepKey(e.step.name) === key)?.step;
}

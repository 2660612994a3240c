/**
 * Everything wrong with the draft on screen, each placed where the mistake is: the shape (a config
 * variable key with a space), the document's rules (a reference to nothing, an empty condition) and
 * actions no installed component has (`http.gett`). The header lists them, the step card and the
 * config variable show their own.
 */
import {
  checkDraft,
  describeProblem,
  formatPath,
  structuralAction,
  type Definition,
  type DefinitionError,
  type PathSegment,
  type Problem,
} from "@/runtime/definition";
import { checkInputKeys } from "@/runtime/definition/validate-actions";
import { allEntries } from "./step-tree";

/** What the designer knows of an action: its inputs (the installed component's manifest). */
export type ActionInputs = (action: string) => { inputs: { key: string; required?: boolean }[] } | undefined;

export function draftProblems(def: Definition, manifestOf: ActionInputs): Problem[] {
  const checked = checkDraft(def);
  const errors: DefinitionError[] = checked.ok ? [...checked.problems] : checked.errors;
  const report = (path: readonly PathSegment[], message: string) => {
    if (!errors.some((e) => e.path === formatPath(path))) errors.push({ path: formatPath(path), pathSegments: [...path], message });
  };
  for (const entry of safeEntries(def)) {
    const action = entry.step.action;
    if (typeof action !== "string" || structuralAction(action)) continue;
    const manifest = manifestOf(action);
    // the draft's rules leave installed components to publishing; the designer knows them already
    if (manifest) checkInputKeys(entry.step.inputs ?? {}, manifest.inputs, action, entry.path, report);
    else
      report([...entry.path, "action"], `no installed component has the action "${action}": choose another step or install its component`);
  }
  return errors.map((e) => describeProblem(def, e));
}

/** A draft saved with problems may be ill shaped; the walk then gives up rather than throw. */
function safeEntries(def: Definition) {
  try {
    return allEntries(def);
  } catch {
    return [];
  }
}

/** Step name → its problems, each as `input "url": unknown reference "fetchUser"`. */
export function problemsByStep(problems: Problem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    if (p.place.kind !== "step") continue;
    const text = p.field ? `${p.field}: ${p.message}` : p.message;
    map.set(p.place.step, [...(map.get(p.place.step) ?? []), text]);
  }
  return map;
}

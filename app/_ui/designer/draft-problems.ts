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
  type Problem,
} from "@/runtime/definition";
import { allEntries } from "./step-tree";

export function draftProblems(def: Definition, knownAction: (action: string) => boolean): Problem[] {
  const checked = checkDraft(def);
  const errors: DefinitionError[] = checked.ok ? [...checked.problems] : checked.errors;
  for (const entry of safeEntries(def)) {
    const action = entry.step.action;
    if (typeof action !== "string" || structuralAction(action) || knownAction(action)) continue;
    const path = [...entry.path, "action"];
    if (errors.some((e) => e.path === formatPath(path))) continue;
    errors.push({
      path: formatPath(path),
      pathSegments: path,
      message: `no installed component has the action "${action}": choose another step or install its component`,
    });
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

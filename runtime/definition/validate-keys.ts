/** Keys that must be unique: steps across the whole integration, flows, config variables, branches. */
import type { Report } from "./errors";
import { formatPath, type PathSegment } from "./reference";
import type { ConfigVar, Definition } from "./schema";
import { flowKey, stepKey } from "./step-key";
import { allSteps } from "./walk";

/** Keys that would shadow the trigger or the template namespace of config variables. */
const RESERVED_KEYS = new Set(["trigger", "configVars"]);

export function checkStepKeys(definition: Definition, report: Report): void {
  const seen = new Map<string, { name: string; path: PathSegment[] }>();
  for (const { step, path } of allSteps(definition)) {
    const key = stepKey(step.name);
    const namePath = [...path, "name"];
    if (key === "") {
      report(namePath, `step name "${step.name}" has no letter or digit to make a key from`);
      continue;
    }
    if (RESERVED_KEYS.has(key)) {
      report(namePath, `step name "${step.name}" gives the reserved key "${key}"`);
      continue;
    }
    const earlier = seen.get(key);
    if (earlier) {
      report(namePath, `steps "${earlier.name}" (${formatPath(earlier.path)}) and "${step.name}" have the same key "${key}"`);
    } else {
      seen.set(key, { name: step.name, path });
    }
    step.branches?.forEach((branch, i) => {
      const branchPath = [...path, "branches", i, "name"];
      if (branch.name.trim().toLowerCase() === "else") {
        report(branchPath, `"${branch.name}" is reserved for the else branch`);
      } else if (step.branches!.findIndex((b) => b.name === branch.name) < i) {
        report(branchPath, `two branches of "${step.name}" are named "${branch.name}"`);
      }
    });
  }
}

export function checkFlowKeys(definition: Definition, report: Report): void {
  const seen = new Map<string, string>();
  definition.flows.forEach((flow, i) => {
    const key = flowKey(flow.name);
    const earlier = seen.get(key);
    if (key === "") report(["flows", i, "name"], `flow name "${flow.name}" has no letter or digit to make a key from`);
    else if (earlier !== undefined) {
      report(["flows", i, "name"], `flows "${earlier}" and "${flow.name}" have the same key "${key}"`);
    } else seen.set(key, flow.name);
  });
}

export interface ConfigVarEntry {
  configVar: ConfigVar;
  path: PathSegment[];
}

/** Config variables by key, reporting duplicates. */
export function indexConfigVars(definition: Definition, report: Report): Map<string, ConfigVarEntry> {
  const vars = new Map<string, ConfigVarEntry>();
  definition.configPages?.forEach((page, p) =>
    page.elements.forEach((element, e) => {
      if (!("configVar" in element)) return;
      const path: PathSegment[] = ["configPages", p, "elements", e, "configVar"];
      const key = element.configVar.key;
      const earlier = vars.get(key);
      if (earlier)
        report([...path, "key"], `"${key}" is already the key of config variable "${earlier.configVar.label}": keys must be unique`);
      else vars.set(key, { configVar: element.configVar, path });
    }),
  );
  return vars;
}

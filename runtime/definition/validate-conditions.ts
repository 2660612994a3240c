/**
 * A comparison needs something on its left: `"" equals ""` is always true, so a condition left
 * empty would silently take its branch on every run.
 */
import type { Condition, Definition, Input } from "./schema";
import type { PathSegment } from "./reference";
import type { Report } from "./errors";
import { allSteps } from "./walk";

const blank = (input: Input | undefined) =>
  !input || ("value" in input && (input.value === "" || input.value === null)) || ("template" in input && input.template.trim() === "");

function checkCondition(condition: Condition, path: PathSegment[], report: Report): void {
  if ("all" in condition || "any" in condition) {
    const group = "all" in condition ? "all" : "any";
    const items = "all" in condition ? condition.all : condition.any;
    items.forEach((item, i) => checkCondition(item, [...path, group, i], report));
    return;
  }
  if (blank(condition.left))
    report([...path, "left"], "the left side of the comparison is empty: choose a reference, a config variable or a value");
}

export function checkConditions(definition: Definition, report: Report): void {
  for (const { step, path } of allSteps(definition)) {
    step.branches?.forEach((branch, i) => {
      if (branch.condition) checkCondition(branch.condition, [...path, "branches", i, "condition"], report);
    });
  }
}

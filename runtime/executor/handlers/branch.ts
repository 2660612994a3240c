/**
 * Branch on value and branch on expression: pick the first matching branch (else `Else`), mark
 * the steps of every other branch null so Select Executed Step Result and later references see
 * that they did not run, publish the branch name, then run the chosen steps. Branches converge:
 * the executor goes on with the step after this one.
 */
import { valuesEqual, type ComparisonTrace } from "../conditions";
import { resolveInputs } from "../resolve-inputs";
import { NOT_RUN, type Handler } from "../run";

export const ELSE_BRANCH = "Else";

export const runBranch: Handler = async (step, run) => {
  let taken = -1;
  let inputs: Record<string, unknown> | undefined;
  if (step.kind === "branchOnValue") {
    const resolved = resolveInputs(step.inputs, run.ctx);
    inputs = resolved.censored;
    taken = step.branches.findIndex((branch) => valuesEqual(resolved.real.value, branch.when));
  } else {
    // the inputs show what each condition evaluated to, branch by branch, until one matched
    const evaluated: { branch: string; matched: boolean; comparisons: ComparisonTrace[] }[] = [];
    inputs = { conditions: evaluated };
    for (let i = 0; i < step.branches.length && taken < 0; i++) {
      const comparisons: ComparisonTrace[] = [];
      try {
        const matched = step.branches[i].condition?.(run.ctx, comparisons) ?? false;
        evaluated.push({ branch: step.branches[i].name, matched, comparisons });
        if (matched) taken = i;
      } catch (error) {
        evaluated.push({ branch: step.branches[i].name, matched: false, comparisons });
        const message = `condition of branch "${step.branches[i].name}": ${(error as Error).message}`;
        return { type: "error", error: { message }, inputs };
      }
    }
  }

  const chosen = taken < 0 ? step.nestedKeys.length - 1 : taken;
  for (let i = 0; i < step.nestedKeys.length; i++) {
    if (i !== chosen) for (const key of step.nestedKeys[i]) run.scope[key] = NOT_RUN;
  }
  const result = { data: taken < 0 ? ELSE_BRANCH : step.branches[taken].name };
  run.publish(step, result);
  const completed = await run.runSteps(taken < 0 ? step.elseSteps : step.branches[taken].steps);
  return completed ? { type: "result", result, inputs, published: true } : { type: "halt", inputs };
};

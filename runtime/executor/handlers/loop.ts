/**
 * Loop over items: runs the inner steps once per item with `<loopKey>.currentItem` and `.index`
 * in scope; the loop's result is the list of the last inner step's results. Inner steps keep
 * their last iteration's results afterwards (null after a loop over no items).
 */
import { describeValue } from "../describe-value";
import { resolveInputs } from "../resolve-inputs";
import { NOT_RUN, type Handler } from "../run";
import type { LoopPath } from "../types";

export const runLoop: Handler = async (step, run) => {
  const { real, censored } = resolveInputs(step.inputs, run.ctx);
  const items = real.items;
  if (!Array.isArray(items)) {
    return { type: "error", error: { message: `items must be a list, got ${describeValue(items)}` }, inputs: censored };
  }
  if (items.length > run.limits.maxLoopIterations) {
    const message = `${items.length} items exceed the limit of ${run.limits.maxLoopIterations} loop iterations`;
    return { type: "error", error: { message, fatal: true }, inputs: censored };
  }
  if (items.length === 0) for (const key of step.nestedKeys[0]) run.scope[key] = NOT_RUN;
  const last = step.steps.at(-1)?.key;
  const results: unknown[] = new Array(items.length);
  const outer: LoopPath = run.loopPath;
  try {
    for (let index = 0; index < items.length; index++) {
      run.scope[step.key] = { currentItem: items[index], index };
      run.loopPath = [...outer, { loopKey: step.key, index }];
      if (!(await run.runSteps(step.steps))) return { type: "halt", inputs: censored };
      results[index] = last === undefined ? null : (run.scope[last]?.results ?? null);
    }
  } finally {
    run.loopPath = outer;
  }
  return { type: "result", result: { data: results }, inputs: censored };
};

/** Select Executed Step Result: the first of the listed results that is not null (the one that ran). */
import { describeValue } from "../describe-value";
import { resolveInputs } from "../resolve-inputs";
import type { Handler } from "../run";

export const runSelectExecutedStepResult: Handler = async (step, run) => {
  const { real, censored } = resolveInputs(step.inputs, run.ctx);
  const candidates = real.stepResults;
  if (!Array.isArray(candidates)) {
    const message = `stepResults must be a list, got ${describeValue(candidates)}`;
    return { type: "error", error: { message }, inputs: censored };
  }
  const found = candidates.find((candidate) => candidate !== null && candidate !== undefined);
  return { type: "result", result: { data: found ?? null }, inputs: censored };
};

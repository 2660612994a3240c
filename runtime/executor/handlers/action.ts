/** Every non-structural action runs through the registry's ActionRunner. */
import type { ActionInvocation, ActionResult } from "@/components-registry/contract";
import { resolveInputs } from "../resolve-inputs";
import type { Handler } from "../run";
import { toStepError } from "../step-error";

function isActionResult(value: unknown): value is ActionResult {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const runAction: Handler = async (step, run) => {
  const renewing = run.renewCredentials();
  if (renewing) {
    try {
      await renewing;
    } catch (error) {
      return { type: "error", error: toStepError(error, run.redact) };
    }
  }
  const resolved = resolveInputs(step.inputs, run.ctx);
  const invocation: ActionInvocation = {
    component: step.component,
    version: step.version,
    action: step.actionKey,
    inputs: resolved.real,
    facts: run.facts(step.key),
    configVarsWithoutCredentials: run.configVarsWithoutCredentials,
    stepResults: run.scope,
    logger: run.logger(step.key),
    state: run.state,
    signal: run.signal,
  };
  try {
    const result = await run.runner.run(invocation);
    if (!isActionResult(result)) {
      return { type: "error", error: { message: "the action returned no result object ({ data })" }, inputs: resolved.censored };
    }
    return { type: "result", result, inputs: resolved.censored };
  } catch (error) {
    return { type: "error", error: toStepError(error, run.redact), inputs: resolved.censored };
  }
};

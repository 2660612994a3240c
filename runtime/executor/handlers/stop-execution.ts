/** Stop Execution: ends the run at once, successfully, with an HTTP-shaped response. */
import { describeValue } from "../describe-value";
import { resolveInputs } from "../resolve-inputs";
import type { Handler, StepOutcome } from "../run";

/** A status code as a number (numeric strings accepted), undefined when unset, null when invalid. */
function httpStatus(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  const status = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof status === "number" && Number.isInteger(status) && status >= 100 && status <= 599 ? status : null;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === "string");
}

export const runStopExecution: Handler = async (step, run) => {
  const { real, censored } = resolveInputs(step.inputs, run.ctx);
  const { statusCode, headers, body } = real;
  const fail = (message: string): StepOutcome => ({ type: "error", error: { message }, inputs: censored });
  const status = httpStatus(statusCode);
  if (status === null) return fail(`statusCode must be an HTTP status (100-599), got ${describeValue(statusCode)}`);
  if (headers !== undefined && headers !== null && !isStringRecord(headers)) {
    return fail(`headers must be an object of strings, got ${describeValue(headers)}`);
  }
  return {
    type: "stop",
    result: {
      data: body ?? null,
      ...(status !== undefined ? { statusCode: status } : {}),
      ...(headers ? { headers } : {}),
    },
    inputs: censored,
  };
};

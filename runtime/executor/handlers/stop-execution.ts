/** Stop Execution: ends the run at once, successfully, with an HTTP-shaped response. */
import { describeValue } from "../describe-value.js";
import { resolveInputs } from "../resolve-inputs.js";
import type { Handler } from "../run.js";

export const runStopExecution: Handler = async (step, run) => {
  const { real, censored } = resolveInputs(step.inputs, run.ctx);
  const { statusCode, headers, body } = real;
  const status = typeof statusCode === "string" && /^\d+$/.test(statusCode) ? Number(statusCode) : statusCode;
  if (status !== undefined && status !== null && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    return { type: "error", error: { message: `statusCode must be an HTTP status (100-599), got ${describeValue(statusCode)}` }, inputs: censored };
  }
  const headersOk =
    headers === undefined ||
    headers === null ||
    (typeof headers === "object" && !Array.isArray(headers) && Object.values(headers).every((v) => typeof v === "string"));
  if (!headersOk) {
    return { type: "error", error: { message: `headers must be an object of strings, got ${describeValue(headers)}` }, inputs: censored };
  }
  return {
    type: "stop",
    result: {
      data: body ?? null,
      ...(typeof status === "number" ? { statusCode: status } : {}),
      ...(headers ? { headers: headers as Record<string, string> } : {}),
    },
    inputs: censored,
  };
};

import { parseReference, type Input } from "../definition";
import { walkPath } from "../executor/resolve-inputs";

/**
 * The value of a flow's retry cancelation key for one invocation (a reference into the trigger's
 * results, e.g. `trigger.results.body.productId` or `trigger.results.headers.x-my-unique-id`).
 */
export function cancelationKeyOf(input: Input | undefined, payload: Record<string, unknown>): string | null {
  if (!input) return null;
  let value: unknown;
  if ("value" in input) value = input.value;
  else if ("reference" in input) {
    const ref = parseReference(input.reference);
    if (!ref.ok || ref.value.key !== "trigger") return null;
    value = walkPath(payload, ref.value.path);
  } else return null;
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

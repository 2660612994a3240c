/**
 * Branch conditions and value matching.
 *
 * Equality is deep for lists and objects; a number equals a numeric string of the same value and
 * other scalars of different types compare as text (`true` equals "true"); null equals undefined.
 * Ordering compares numbers (numeric strings included) or two strings (code point order, which
 * suits ISO dates); anything else throws an error naming both sides rather than being silently false.
 * `in`/`notIn` need a list on the right. `exists` means neither null nor undefined.
 */
import type { ComparisonOperator, Condition } from "../definition/schema";
import { describeValue } from "./describe-value";
import { compileInput, type ResolveContext } from "./resolve-inputs";

const NUMERIC = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && NUMERIC.test(value)) return Number(value);
  return undefined;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (isScalar(a) && isScalar(b)) {
    if (typeof a === typeof b) return false;
    const x = asNumber(a);
    const y = asNumber(b);
    if (x !== undefined && y !== undefined) return x === y;
    return String(a) === String(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((byte, i) => byte === y[i]);
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return keys.every((k) => Object.hasOwn(y, k) && valuesEqual(x[k], y[k]));
  }
  return false;
}

/** Negative, zero or positive like a sort comparator; throws when the two cannot be ordered. */
function order(operator: ComparisonOperator, a: unknown, b: unknown): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new Error(`${operator} cannot compare ${describeValue(a)} with ${describeValue(b)}`);
}

function contains(operator: ComparisonOperator, list: unknown, item: unknown): boolean {
  if (!Array.isArray(list)) throw new Error(`${operator} needs a list on the right, got ${describeValue(list)}`);
  return list.some((candidate) => valuesEqual(item, candidate));
}

function compare(operator: ComparisonOperator, left: unknown, right: unknown): boolean {
  switch (operator) {
    case "equal":
      return valuesEqual(left, right);
    case "notEqual":
      return !valuesEqual(left, right);
    case "greaterThan":
      return order(operator, left, right) > 0;
    case "greaterThanOrEqual":
      return order(operator, left, right) >= 0;
    case "lessThan":
      return order(operator, left, right) < 0;
    case "lessThanOrEqual":
      return order(operator, left, right) <= 0;
    case "in":
      return contains(operator, right, left);
    case "notIn":
      return !contains(operator, right, left);
    case "exists":
      return left !== null && left !== undefined;
    case "doesNotExist":
      return left === null || left === undefined;
  }
}

/** One comparison as a run evaluated it: what the step's inputs show for a branch on expression. */
export interface ComparisonTrace {
  left: unknown;
  operator: ComparisonOperator;
  right?: unknown;
  result: boolean;
}

/**
 * With `trace`, each comparison evaluated (all/any stop early, as they run) is recorded with its
 * operands — credentials in them censored, as a step's inputs are.
 */
export type CompiledCondition = (ctx: ResolveContext, trace?: ComparisonTrace[]) => boolean;

export function compileCondition(condition: Condition, credentialKeys: ReadonlySet<string>): CompiledCondition {
  if ("all" in condition) {
    const parts = condition.all.map((c) => compileCondition(c, credentialKeys));
    return (ctx, trace) => parts.every((part) => part(ctx, trace));
  }
  if ("any" in condition) {
    const parts = condition.any.map((c) => compileCondition(c, credentialKeys));
    return (ctx, trace) => parts.some((part) => part(ctx, trace));
  }
  const left = compileInput(condition.left, credentialKeys);
  const right = condition.right ? compileInput(condition.right, credentialKeys) : undefined;
  const operator = condition.operator;
  return (ctx, trace) => {
    const a = left.resolve(ctx);
    const b = right?.resolve(ctx);
    const result = compare(operator, a, b);
    if (trace) {
      const shown: ComparisonTrace = { left: left.censor ? left.censor(ctx) : a, operator, result };
      if (right) shown.right = right.censor ? right.censor(ctx) : b;
      trace.push(shown);
    }
    return result;
  };
}

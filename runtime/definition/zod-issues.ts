/**
 * Turns zod issues into definition errors with document paths. Unions are the hard part: zod
 * reports every alternative's failures, so we keep only the alternative the author evidently
 * meant (the one their keys fit) and fall back to the union's own message when that is unclear.
 */
import type { z } from "zod";
import { definitionError, type DefinitionError } from "./errors";
import type { PathSegment } from "./reference";

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function isMissing(issue: Issue, raw: unknown, path: readonly PropertyKey[]): boolean {
  const kinds = ["invalid_type", "invalid_union", "invalid_value"];
  return path.length > 0 && kinds.includes(issue.code) && valueAt(raw, path) === undefined;
}

function missingMessage(issue: Issue): string {
  const options = issue.code === "invalid_union" ? (issue as { options?: unknown[] }).options : undefined;
  return options ? `is required (one of ${options.map((o) => JSON.stringify(o)).join(", ")})` : "is required";
}

/** Lower is a better fit: an unknown key means the wrong alternative, a missing key nearly so. */
function misfit(issues: readonly Issue[], raw: unknown, base: readonly PropertyKey[]): number {
  let score = 0;
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.path.length === 0) score += 100 * issue.keys.length;
    else if (isMissing(issue, raw, [...base, ...issue.path])) score += 10;
    else score += 1;
  }
  return score;
}

function collect(issues: readonly Issue[], raw: unknown, base: readonly PropertyKey[], out: DefinitionError[]) {
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const scores = issue.errors.map((branch) => misfit(branch, raw, path));
      const best = Math.min(...scores);
      if (scores.filter((s) => s === best).length === 1 && best < 100) {
        collect(issue.errors[scores.indexOf(best)], raw, path, out);
        continue;
      }
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(definitionError(toSegments([...path, key]), `unknown key "${key}"`));
      continue;
    }
    const message = isMissing(issue, raw, path) ? missingMessage(issue) : issue.message;
    out.push(definitionError(toSegments(path), message));
  }
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((s) => (typeof s === "number" ? s : String(s)));
}

export function issuesToErrors(issues: readonly Issue[], raw: unknown): DefinitionError[] {
  const out: DefinitionError[] = [];
  collect(issues, raw, [], out);
  return out;
}

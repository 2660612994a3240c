/**
 * What a webhook may hand to a group commit. PostgreSQL's jsonb refuses NUL (\u0000) and unpaired
 * UTF-16 surrogates, and JSON.stringify overflows the stack on very deep nesting: a row holding
 * one of them would fail the whole batch, i.e. every other caller's request. Such a request is
 * refused (400) before it joins a batch, with the place named.
 */

/** deeper JSON than this is refused (JSON.stringify and jsonb manage far more; no real payload needs it) */
export const MAX_PAYLOAD_DEPTH = Number(process.env.JUNCTION_MAX_JSON_DEPTH ?? 400);

import { UnstorablePayloadError } from "../executions/unstorable";

export { UnstorablePayloadError };

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL's text and jsonb refuse
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(s: string): string | null {
  if (!SUSPECT.test(s)) return null;
  if (s.includes("\u0000")) return "holds a NUL character (\\u0000)";
  return LONE_SURROGATE.test(s) ? "holds an unpaired UTF-16 surrogate (invalid Unicode)" : null;
}

type Found = { path: (string | number)[]; problem: string };

/** the first problem, with its path built only on the way back (honest payloads pay no string building) */
function find(value: unknown, depth: number): Found | null {
  if (typeof value === "string") {
    const problem = stringProblem(value);
    return problem ? { path: [], problem } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  if (depth >= MAX_PAYLOAD_DEPTH) return { path: [], problem: `is nested deeper than ${MAX_PAYLOAD_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = find(value[i], depth + 1);
      if (found) return (found.path.unshift(i), found);
    }
    return null;
  }
  for (const key in value) {
    const keyProblem = stringProblem(key);
    if (keyProblem) return { path: [], problem: `has a key that ${keyProblem}` };
    const found = find((value as Record<string, unknown>)[key], depth + 1);
    if (found) return (found.path.unshift(key), found);
  }
  return null;
}

const describe = (root: string, path: (string | number)[]) =>
  root + path.map((p) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join("");

/** Throws UnstorablePayloadError naming the first place (e.g. `body.items[3].name`) that cannot be stored. */
export function assertStorable(root: string, value: unknown): void {
  const found = find(value, 0);
  if (found) throw new UnstorablePayloadError(`${describe(root, found.path)} ${found.problem}, which cannot be stored`);
}

/**
 * How widely a component's sandbox contexts may be reused. A context costs ~0.6 ms of CPU to make
 * (measured in bench/worker.bench.ts: two thirds of a 3-step run's sandbox cost), so the
 * built-ins we ship, which keep nothing between calls, reuse one across the executions of one
 * instance: never across customers. Uploaded packages are not ours to vouch for, and the code
 * component runs the integration's own code: both get a fresh context per execution.
 */
import type { ContextScope } from "../sandbox/types";

const RUNS_USER_CODE = new Set(["code"]);

export function contextScopeOf(pkg: { key: string; builtIn: boolean }): ContextScope {
  return pkg.builtIn && !RUNS_USER_CODE.has(pkg.key) ? "instance" : "execution";
}

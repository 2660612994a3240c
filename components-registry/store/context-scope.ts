/**
 * How widely a component's sandbox contexts may be reused. A context costs ~0.6 ms of CPU to make
 * (two thirds of the sandbox's share of a 3-step run, bench/worker.bench.ts), and code in a new
 * context runs unoptimized again: a code step's 1 ms loop takes ~2.0-2.3 ms in a fresh context and
 * ~1.3-1.5 ms in one V8 has already optimized it in. So the built-ins we ship — `code` included —
 * reuse a context across the executions of ONE customer (its instances' runs), never another
 * customer's: the boundary the sandbox must keep. Between executions the guest puts globalThis
 * back as it was (guest/execution-reset.ts), and a code step's module is evaluated afresh on
 * every call. Uploaded packages are not ours to vouch for: they get a fresh context per execution.
 */
import type { ContextScope } from "../sandbox/types";

export function contextScopeOf(pkg: { key: string; builtIn: boolean }): ContextScope {
  return pkg.builtIn ? "customer" : "execution";
}

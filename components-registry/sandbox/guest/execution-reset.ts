/**
 * A shared context serves several executions for one customer (see LoadedBundle.contextScope).
 * Before a call of another execution, globals the previous one added are deleted, so an execution
 * starts from the globals a fresh context would give it. The globals a fresh context has are made
 * read-only and non-configurable when it is prepared (as SES's lockdown does), so no execution can
 * replace or delete them, and the check per execution is one key count, not a comparison of every
 * global's descriptor (which cost ~20% of a sandbox thread's time in the runtime bench).
 * The intrinsics they reach (built-in prototypes, JSON, the sandbox's shims …) are frozen too
 * (harden.ts), so no execution can hook what another one calls.
 *
 * A context that serves one execution (uploaded packages, test runs) keeps its globals writable:
 * it never switches executions, and libraries that polyfill globals keep working there.
 */
import { hardenIntrinsics } from "./harden";

const g = globalThis as Record<PropertyKey, unknown>;
/** the globals of a fresh context, once recorded */
let baseline: Set<PropertyKey> | undefined;
/** the execution whose call ran last here; undefined while globalThis is still the baseline */
let current: string | undefined;

/**
 * Records the baseline while the context is prepared, off the call path; in a shared context the
 * baseline globals are hardened too.
 */
export function recordBaseline(shared: boolean): void {
  if (baseline) return;
  const keys = Reflect.ownKeys(g);
  if (shared) {
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(g, key)!;
      if (!d.configurable && !("value" in d && d.writable)) continue;
      Object.defineProperty(g, key, "value" in d ? { configurable: false, writable: false } : { configurable: false });
    }
    // globalThis itself stays extensible: an execution may add globals, deleted before the next
    hardenIntrinsics(
      g,
      keys.filter((k) => k !== "globalThis"),
    );
  }
  baseline = new Set(keys);
}

/** called before every action call with its execution's id */
export function enterExecution(executionId: string): void {
  if (executionId === current) return;
  if (current !== undefined) {
    const keys = Reflect.ownKeys(g);
    // baseline keys cannot be deleted in a shared context, so the same count means nothing was added
    if (keys.length !== baseline!.size) for (const key of keys) if (!baseline!.has(key)) delete g[key];
  }
  current = executionId;
}

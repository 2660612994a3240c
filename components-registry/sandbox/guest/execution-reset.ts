/**
 * A context may serve several executions for one customer (see LoadedBundle.contextScope). When a
 * call of another execution arrives, what the previous one did to globalThis is undone: globals
 * it added are deleted, globals it replaced or deleted are put back. A code step's module is
 * evaluated afresh on every call anyway, so with this an execution starts from the same globals
 * a fresh context would give it (changes to built-in prototypes are not undone: they stay within
 * the one customer's executions).
 */
type Descriptors = Map<PropertyKey, PropertyDescriptor>;

const g = globalThis as Record<PropertyKey, unknown>;
let baseline: Descriptors | undefined;
/** the execution whose call ran last here; undefined while globalThis is still the baseline */
let current: string | undefined;

function descriptors(): Descriptors {
  return new Map(Reflect.ownKeys(g).map((k) => [k, Object.getOwnPropertyDescriptor(g, k)!]));
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor) => a.value === b.value && a.get === b.get && a.set === b.set;

function restore(from: Descriptors): void {
  for (const key of Reflect.ownKeys(g)) {
    if (!from.has(key)) delete g[key];
  }
  for (const [key, d] of from) {
    const now = Object.getOwnPropertyDescriptor(g, key);
    if (now && same(now, d)) continue;
    try {
      Object.defineProperty(g, key, d);
    } catch {
      // not configurable: nothing an action could have changed either
    }
  }
}

/**
 * Records the baseline while the context is prepared, off the call path: the first call then
 * neither reads nor restores the globals (most contexts serve a single execution).
 */
export function recordBaseline(): void {
  baseline ??= descriptors();
}

/** called before every action call with its execution's id */
export function enterExecution(executionId: string): void {
  if (executionId === current) return;
  if (current !== undefined) restore(baseline!);
  else recordBaseline();
  current = executionId;
}

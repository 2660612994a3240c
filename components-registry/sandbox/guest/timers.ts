/** Timers backed by host sleeps: the isolate has no event loop of its own. */
import { callHost } from "./host-bridge";

const active = new Set<number>();
let nextId = 1;

function schedule(fn: () => void, ms: number, repeat: boolean): number {
  const id = nextId++;
  active.add(id);
  const delay = Math.max(0, Number(ms) || 0);
  const tick = (): void => {
    callHost("sleep", { ms: delay }).then(() => {
      if (!active.has(id)) return;
      if (!repeat) active.delete(id);
      fn();
      if (repeat) tick();
    });
  };
  tick();
  return id;
}

export function setTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
  return schedule(() => fn(...args), ms ?? 0, false);
}

export function setInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
  return schedule(() => fn(...args), ms ?? 0, true);
}

export function clearTimer(id: number | undefined): void {
  if (id !== undefined) active.delete(id);
}

/** a context can serve several calls of one execution: timers never outlive their call */
export function clearAllTimers(): void {
  active.clear();
}

export function queueMicrotask(fn: () => void): void {
  Promise.resolve().then(fn);
}

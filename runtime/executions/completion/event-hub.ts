/**
 * Live execution events for the browser's server-sent event streams: the completion's notices
 * (step/log writes, runs' ends, a reconnection) fanned out to the subscribers that watch one
 * execution, or all of them.
 */
import type { Completion } from "./completion";

/** `ready`: the hub is listening (again); what was written before it may have been missed, so read it */
export type ExecutionEvent = { type: "steps"; id: string } | { type: "done"; id: string; status: string } | { type: "ready" };
export type ExecutionEventSubscriber = (event: ExecutionEvent) => void;

export interface ExecutionEventHub {
  listening(): boolean;
  /** calls `onEvent` for the execution's events (or every execution's, with "*"); returns the unsubscribe */
  subscribe(executionId: string | "*", onEvent: ExecutionEventSubscriber): () => void;
}

export function createExecutionEventHub(completion: Completion): ExecutionEventHub {
  const byExecution = new Map<string, Set<ExecutionEventSubscriber>>();
  const all = new Set<ExecutionEventSubscriber>();
  // `ready` goes to every stream; the others to the streams of their execution and of all
  const emit = (e: ExecutionEvent) => {
    const watchers = e.type === "ready" ? [...byExecution.values()] : [byExecution.get(e.id) ?? []];
    for (const set of watchers) for (const s of set) s(e);
    for (const s of all) s(e);
  };
  completion.onConnected(() => emit({ type: "ready" }));
  completion.onSteps((id) => emit({ type: "steps", id }));
  completion.onDone(({ id, status }) => emit({ type: "done", id, status }));

  return {
    listening: completion.listening,
    subscribe(executionId, onEvent) {
      if (executionId === "*") {
        all.add(onEvent);
        return () => all.delete(onEvent);
      }
      const set = byExecution.get(executionId) ?? new Set();
      byExecution.set(executionId, set);
      set.add(onEvent);
      return () => {
        set.delete(onEvent);
        if (set.size === 0) byExecution.delete(executionId);
      };
    },
  };
}

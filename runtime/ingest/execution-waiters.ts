/**
 * Synchronous webhooks wait here for their execution to finish: woken in process by the worker,
 * or across processes by NOTIFY — never by polling.
 */
import { CHANNELS } from "../queue/channels";
import type { Listener } from "../queue/listen";
import type { StoredOutcome } from "../executions/run-response";

/** how a run ended: its status, and its stored outcome when it ended in this process */
export interface Finished {
  status: string;
  outcome?: StoredOutcome;
}

export interface ExecutionWaiters {
  /** resolves when the run has ended, or with null after `timeoutMs` */
  wait(executionId: string, timeoutMs: number): Promise<Finished | null>;
  /** register before the execution is committed, so a fast run cannot finish unseen */
  prepare(executionId: string): void;
  finished(executionId: string, status: string, outcome?: StoredOutcome): void;
}

export function createExecutionWaiters(listener: Listener): ExecutionWaiters {
  const waiting = new Map<string, { done?: Finished; wake?: (f: Finished) => void }>();
  const finished = (id: string, status: string, outcome?: StoredOutcome) => {
    if (status === "retry_pending") return;
    const w = waiting.get(id);
    if (!w || w.done) return; // the worker's own word comes first; its NOTIFY follows
    w.done = { status, outcome };
    w.wake?.(w.done);
  };
  listener.on(CHANNELS.done, (payload) => {
    const [id, status] = payload.split(":");
    if (id && status) finished(id, status);
  });
  return {
    prepare(id) {
      waiting.set(id, {});
    },
    finished,
    wait(id, timeoutMs) {
      const w = waiting.get(id) ?? {};
      waiting.set(id, w);
      if (w.done) {
        waiting.delete(id);
        return Promise.resolve(w.done);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, timeoutMs);
        w.wake = (done) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(done);
        };
      });
    },
  };
}

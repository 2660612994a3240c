/**
 * Synchronous webhooks wait here for their execution to finish: woken in process by the worker,
 * or across processes by NOTIFY — never by polling.
 */
import { CHANNELS } from "../queue/channels";
import type { Listener } from "../queue/listen";

export interface ExecutionWaiters {
  /** resolves with the final status, or null after `timeoutMs` */
  wait(executionId: string, timeoutMs: number): Promise<string | null>;
  /** register before the execution is committed, so a fast run cannot finish unseen */
  prepare(executionId: string): void;
  finished(executionId: string, status: string): void;
}

export function createExecutionWaiters(listener: Listener): ExecutionWaiters {
  const waiting = new Map<string, { status?: string; wake?: (s: string) => void }>();
  const finished = (id: string, status: string) => {
    if (status === "retry_pending") return;
    const w = waiting.get(id);
    if (!w) return;
    w.status = status;
    w.wake?.(status);
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
      if (w.status) {
        waiting.delete(id);
        return Promise.resolve(w.status);
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, timeoutMs);
        w.wake = (status) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(status);
        };
      });
    },
  };
}

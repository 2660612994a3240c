/**
 * Synchronous webhooks wait here for their execution to finish: woken in process by the worker,
 * or across processes by NOTIFY — never by polling. A run that ended while LISTEN's connection
 * was down notified nobody, so each reconnection reads the waiting runs' status once.
 */
import type pg from "pg";
import { CHANNELS } from "../queue/channels";
import type { Listener } from "../queue/listen";
import type { StoredOutcome } from "../executions/run-response";
import { UNFINISHED_STATUSES } from "../rollups/rollup-executions";

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
  /** drops a prepared wait whose execution was never committed */
  forget(executionId: string): void;
  finished(executionId: string, status: string, outcome?: StoredOutcome): void;
}

export function createExecutionWaiters(listener: Listener, pool: pg.Pool): ExecutionWaiters {
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
  listener.onConnected(() => {
    const ids = [...waiting].filter(([, w]) => !w.done).map(([id]) => id);
    if (!ids.length) return;
    pool
      .query<{ id: string; status: string }>(`select id, status from executions where id = any($1::uuid[]) and status not in ${UNFINISHED_STATUSES}`, [ids])
      .then(({ rows }) => rows.forEach((r) => finished(r.id, r.status)))
      .catch((err) => console.error(`[webhooks] reading the waiting runs' status after a reconnection: ${(err as Error).message}`));
  });
  return {
    prepare(id) {
      waiting.set(id, {});
    },
    forget(id) {
      waiting.delete(id);
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

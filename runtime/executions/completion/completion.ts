/**
 * How a process hears that runs ended, and waits for one: the done notice's listeners (alerts,
 * live event streams), the waiters of synchronous webhooks (`of`), woken in process by the worker
 * (`finished`) or across processes by NOTIFY — never by polling. A run that ended while LISTEN's
 * connection was down notified nobody, so each reconnection reads the waiting runs' status once,
 * and tells the listeners (`onConnected`) to read what they follow again.
 */
import type pg from "pg";
import { CHANNELS } from "@/runtime/queue/channels";
import type { Listener } from "@/runtime/queue/listen";
import { endedAmong, type StoredOutcome } from "../store";
import { decodeDoneNotice, type DoneNotice } from "./done-notice";

/** how a run ended: its status, and its stored outcome when it ended in this process */
export interface Finished {
  status: string;
  outcome?: StoredOutcome;
}

export interface Completion {
  /** register before the execution is committed, so a fast run cannot finish unseen */
  prepare(executionId: string): void;
  /** drops a prepared wait whose execution was never committed */
  forget(executionId: string): void;
  /** resolves when the run has ended (not a pending retry), or with null after `timeoutMs` */
  of(executionId: string, timeoutMs: number): Promise<Finished | null>;
  /** this process's worker ended a run: its waiters hear it before the NOTIFY comes */
  finished(executionId: string, status: string, outcome?: StoredOutcome): void;
  /** every done notice, from any process (failed attempts with a retry pending too) */
  onDone(handler: (notice: DoneNotice) => void): () => void;
  /** a run's step results or logs were written */
  onSteps(handler: (executionId: string) => void): () => void;
  /** listening (again): notices sent before may have been missed (`lostAt`: when the connection was lost; null the first time) */
  onConnected(handler: (lostAt: Date | null) => void): () => void;
  listening(): boolean;
}

export function createCompletion(listener: Listener, pool: pg.Pool): Completion {
  const waiting = new Map<string, { done?: Finished; wake?: (f: Finished) => void }>();
  const finished = (id: string, status: string, outcome?: StoredOutcome) => {
    if (status === "retry_pending") return;
    const w = waiting.get(id);
    if (!w || w.done) return; // the worker's own word comes first; its NOTIFY follows
    w.done = { status, outcome };
    w.wake?.(w.done);
  };
  listener.on(CHANNELS.done, (payload) => {
    const notice = decodeDoneNotice(payload);
    if (notice) finished(notice.id, notice.status);
  });
  listener.onConnected(() => {
    const ids = [...waiting].filter(([, w]) => !w.done).map(([id]) => id);
    endedAmong(pool, ids)
      .then((rows) => rows.forEach((r) => finished(r.id, r.status)))
      .catch((err) => console.error(`[completion] reading the waiting runs' status after a reconnection: ${(err as Error).message}`));
  });

  return {
    prepare(id) {
      waiting.set(id, {});
    },
    forget(id) {
      waiting.delete(id);
    },
    finished,
    of(id, timeoutMs) {
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
    onDone(handler) {
      return listener.on(CHANNELS.done, (payload) => {
        const notice = decodeDoneNotice(payload);
        if (notice) handler(notice);
      });
    },
    onSteps: (handler) => listener.on(CHANNELS.events, handler),
    onConnected: (handler) => listener.onConnected(handler),
    listening: listener.connected,
  };
}

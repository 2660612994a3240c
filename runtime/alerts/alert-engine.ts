/**
 * Alerting, run by the leader only: it hears every finished run (NOTIFY on the done channel, from
 * whichever worker ran it), every instance change, and checks for overdue instances each minute.
 * Evaluations run one at a time in the background and deliveries after them, so executions never
 * wait on alerting.
 */
import type pg from "pg";
import { CHANNELS } from "../queue/channels";
import type { Listener } from "../queue/listen";
import { checkInstanceDisabled, checkOverdue } from "./check-instances";
import { deliverEvent, type DeliveryOptions } from "./deliver-event";
import { evaluateExecution, type RaisedEvent } from "./evaluate-execution";

export interface AlertEngine {
  /** start listening (this process became the leader) */
  start(): void;
  /** stop listening (leadership lost, or shutting down) */
  stop(): void;
  /** resolves once queued evaluations and their deliveries are done (tests, shutdown) */
  idle(): Promise<void>;
  /** resolves once this execution's final status was evaluated and its alerts delivered */
  evaluated(executionId: string): Promise<void>;
}

const REMEMBERED = 1000;

export function createAlertEngine(options: { pool: pg.Pool; listener: Listener; delivery?: DeliveryOptions; overdueEveryMs?: number }): AlertEngine {
  const { pool } = options;
  let chain: Promise<void> = Promise.resolve();
  const deliveries = new Set<Promise<void>>();
  let unlisten: Array<() => void> = [];
  let overdueTimer: NodeJS.Timeout | undefined;
  // recently evaluated executions, and who waits for one: a bounded memory, oldest first out
  const done = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  const markEvaluated = (id: string) => {
    done.add(id);
    if (done.size > REMEMBERED) done.delete(done.values().next().value!);
    for (const w of waiting.get(id) ?? []) w();
    waiting.delete(id);
  };

  const deliver = (events: RaisedEvent[]): Promise<void> => {
    const all = events.map((e) => deliverEvent(pool, e.eventId, e.destinations, e.context, options.delivery));
    const p: Promise<void> = Promise.all(all).then(() => {
      deliveries.delete(p);
    });
    deliveries.add(p);
    return p;
  };

  /** one evaluation at a time: the quiet period check and its insert must not race */
  const enqueue = (what: string, job: () => Promise<RaisedEvent[]>, then?: () => void) => {
    chain = chain
      .then(job)
      .then(
        (events) => {
          // deliveries run on their own: the next evaluation does not wait for slow receivers
          const delivered = deliver(events);
          if (then) void delivered.then(then);
        },
        (err) => {
          console.error(`[alerts] ${what}: ${(err as Error).message}`);
          then?.();
        },
      );
  };

  return {
    start() {
      if (unlisten.length) return;
      unlisten = [
        options.listener.on(CHANNELS.done, (payload) => {
          const [id, status] = payload.split(":");
          // evaluated() waits for the run's end, not for an attempt with a retry pending
          if (id) enqueue(`execution ${id}`, () => evaluateExecution(pool, id), status === "retry_pending" ? undefined : () => markEvaluated(id));
        }),
        options.listener.on(CHANNELS.instances, (id) => enqueue(`instance ${id}`, () => checkInstanceDisabled(pool, id))),
      ];
      overdueTimer = setInterval(() => enqueue("overdue check", () => checkOverdue(pool)), options.overdueEveryMs ?? Number(process.env.JUNCTION_OVERDUE_CHECK_MS ?? 60_000));
      overdueTimer.unref();
    },
    stop() {
      for (const u of unlisten) u();
      unlisten = [];
      if (overdueTimer) clearInterval(overdueTimer);
      overdueTimer = undefined;
    },
    evaluated(executionId) {
      if (done.has(executionId)) return Promise.resolve();
      return new Promise<void>((resolve) => waiting.set(executionId, [...(waiting.get(executionId) ?? []), resolve]));
    },
    async idle() {
      await chain;
      while (deliveries.size) await Promise.all([...deliveries]);
    },
  };
}

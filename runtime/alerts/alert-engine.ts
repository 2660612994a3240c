/**
 * Alerting. Evaluation is run by the leader only: it hears every finished run (NOTIFY on the done
 * channel, from whichever worker ran it), every instance change, and checks for overdue instances
 * each minute; evaluations run one at a time in the background, so executions never wait on
 * alerting. Deliveries are pg-boss jobs queued with their event (delivery-job.ts), worked by every
 * process, so one waiting out its backoff when a process stops is made by another, or after the
 * restart.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { CHANNELS } from "../queue/channels";
import type { Listener } from "../queue/listen";
import type { Completion } from "../executions/completion/completion";
import { ALERT_DELIVERY_QUEUE } from "../queue/queues";
import { checkInstanceConnections, checkInstanceDisabled, checkOverdue } from "./check-instances";
import { deliverAlert, type DeliveryOptions } from "./deliver-event";
import type { AlertDeliveryJob } from "./delivery-job";
import { evaluateExecution, runsEndedSince, type RaisedEvent } from "./evaluate-execution";

export interface AlertEngine {
  /** start evaluating (this process became the leader) */
  start(): void;
  /** stop evaluating (leadership lost) */
  stop(): void;
  /** resolves once queued evaluations and the deliveries in flight here are done */
  idle(): Promise<void>;
  /** resolves once this execution's final status was evaluated (its deliveries are queued) */
  evaluated(executionId: string): Promise<void>;
  /** stops evaluating and delivering here (shutting down); pending deliveries stay queued */
  close(): Promise<void>;
}

const REMEMBERED = 1000;
/** a run's NOTIFY may have been in flight when the connection was seen lost */
const MISSED_MARGIN_MS = 5_000;
/** deliveries at once per process: a slow receiver holds one, not all */
const DELIVERY_WORKERS = 4;

export function createAlertEngine(options: {
  pool: pg.Pool;
  boss: PgBoss;
  listener: Listener;
  completion: Completion;
  delivery?: DeliveryOptions;
  overdueEveryMs?: number;
}): AlertEngine {
  const deps = { pool: options.pool, boss: options.boss };
  let chain: Promise<void> = Promise.resolve();
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

  // the delivery workers: woken when this process queues deliveries (pg-boss would wait for its
  // next poll), and when a retry it queued is due; other processes' jobs are found by polling
  const inFlight = new Set<Promise<unknown>>();
  const retryTimers = new Set<NodeJS.Timeout>();
  const workerIds = Promise.all(
    Array.from({ length: DELIVERY_WORKERS }, () =>
      options.boss.work<AlertDeliveryJob>(ALERT_DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        const delivery = deliverAlert(deps, job!.data, options.delivery);
        inFlight.add(delivery);
        try {
          const { retryAt } = await delivery;
          if (retryAt) wakeAt(retryAt.getTime());
        } finally {
          inFlight.delete(delivery);
        }
      }),
    ),
  );
  const wake = () => void workerIds.then((ids) => ids.forEach((id) => options.boss.notifyWorker(id)));
  const wakeAt = (at: number) => {
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      wake();
    }, at - Date.now());
    timer.unref();
    retryTimers.add(timer);
  };

  // instances and integrations an enabled monitor watches: runs of others need no queries. It is
  // reloaded in the chain, so runs finishing after a monitor's change are judged by the new set.
  let watched: Set<string> | null = null;
  const loadWatched = async (): Promise<RaisedEvent[]> => {
    const r = await options.pool.query("select instance_id, integration_id from alert_monitors where enabled");
    watched = new Set(r.rows.flatMap((m) => [m.instance_id, m.integration_id].filter(Boolean)));
    return [];
  };
  const unwatched = (instanceId?: string, integrationId?: string) =>
    !!watched && !!instanceId && !watched.has(instanceId) && !(integrationId && watched.has(integrationId));

  /** one evaluation at a time: the quiet period check and its insert must not race */
  const enqueue = (what: string, job: () => Promise<RaisedEvent[]>, then?: () => void) => {
    chain = chain
      .then(job)
      .then(
        (events) => {
          if (events.some((e) => e.destinations.some((d) => d.kind !== "feed"))) wake();
        },
        (err) => console.error(`[alerts] ${what}: ${(err as Error).message}`),
      )
      .finally(() => then?.());
  };

  /** runs that ended since `since` (their NOTIFY may have reached nobody), once each: evaluation is idempotent */
  const evaluateMissed = async (since: Date): Promise<RaisedEvent[]> => {
    const raised: RaisedEvent[] = [];
    for (const r of await runsEndedSince(options.pool, since)) {
      if (done.has(r.id)) continue;
      if (!unwatched(r.instance_id, r.integration_id ?? undefined)) raised.push(...(await evaluateExecution(deps, r.id)));
      markEvaluated(r.id);
    }
    return raised;
  };

  const engine: AlertEngine = {
    start() {
      if (unlisten.length) return;
      unlisten = [
        options.completion.onDone(({ id, status, instanceId, integrationId }) => {
          const evaluate = async () => (unwatched(instanceId, integrationId) ? [] : evaluateExecution(deps, id));
          // evaluated() waits for the run's end, not for an attempt with a retry pending
          enqueue(`execution ${id}`, evaluate, status === "retry_pending" ? undefined : () => markEvaluated(id));
        }),
        options.listener.on(CHANNELS.instances, (id) =>
          enqueue(`instance ${id}`, async () => [
            ...(await checkInstanceDisabled(deps, id)),
            ...(await checkInstanceConnections(deps, id)),
          ]),
        ),
        options.listener.on(CHANNELS.monitors, () => enqueue("monitors", loadWatched)),
        options.listener.onConnected((lostAt) => {
          if (!lostAt) return;
          enqueue("monitors", loadWatched);
          enqueue("runs that ended while LISTEN was down", () => evaluateMissed(new Date(lostAt.getTime() - MISSED_MARGIN_MS)));
        }),
      ];
      enqueue("monitors", loadWatched);
      // the reload also runs with each overdue check, in case a notice was missed (a reconnect)
      overdueTimer = setInterval(
        () => {
          enqueue("monitors", loadWatched);
          enqueue("overdue check", () => checkOverdue(deps));
        },
        options.overdueEveryMs ?? Number(process.env.JUNCTION_OVERDUE_CHECK_MS ?? 60_000),
      );
      overdueTimer.unref();
    },
    stop() {
      for (const u of unlisten) u();
      unlisten = [];
      if (overdueTimer) clearInterval(overdueTimer);
      overdueTimer = undefined;
      watched = null;
    },
    evaluated(executionId) {
      if (done.has(executionId)) return Promise.resolve();
      return new Promise<void>((resolve) => waiting.set(executionId, [...(waiting.get(executionId) ?? []), resolve]));
    },
    async idle() {
      await chain;
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async close() {
      engine.stop();
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      await workerIds.then(() => options.boss.offWork(ALERT_DELIVERY_QUEUE)).catch(() => {});
      await engine.idle();
    },
  };
  return engine;
}

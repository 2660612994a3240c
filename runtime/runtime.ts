/**
 * Assembles what runs instances in one process: the LISTEN connection, the webhook fast path
 * with its group-commit batcher and caches, the worker, and the leader-only loops (scheduler,
 * reaper of runs whose worker died). `serve` and the tests start it the same way.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner } from "@/components-registry/contract";
import { createAlertEngine, type AlertEngine } from "./alerts/alert-engine";
import { createIngestBatcher, type IngestBatcher } from "./executions/accept-batcher";
import { createCompletion, type Completion } from "./executions/completion/completion";
import { createDispatch } from "./executions/dispatch";
import { createEndpointCache } from "./ingest/endpoint-cache";
import { createWebhookHandler } from "./ingest/webhook-handler";
import { CHANNELS } from "./queue/channels";
import { createListener } from "./queue/listen";
import { createExecutionEventHub, type ExecutionEventHub } from "./executions/completion/event-hub";
import { createBacklog, type Backlog } from "./executions/backlog";
import { createBulkReplays, type BulkReplays } from "./bulk-replay/bulk-replay-job";
import { createRetentionJob } from "./retention/retention-job";
import { createRollupJob } from "./rollups/rollup-job";
import { startScheduler, type Scheduler } from "./scheduler/scheduler";
import { startWorker, type Worker } from "./worker/start-worker";
import { startPollWorker } from "./triggers/poll-worker";

export interface RuntimeOptions {
  url: string;
  pool: pg.Pool;
  boss: PgBoss;
  runner: ActionRunner;
  /** run a worker in this process */
  worker?: boolean;
  concurrency?: number;
  /** take part in leader election (schedules, reaping dead workers' runs); default true */
  scheduler?: boolean;
}

export interface Runtime {
  webhookHandler: ReturnType<typeof createWebhookHandler>;
  batcher: IngestBatcher;
  completion: Completion;
  /** live execution events for server-sent event streams */
  events: ExecutionEventHub;
  /** the queue's backlog, and the synchronous calls it refused */
  backlog: Backlog;
  worker?: Worker;
  scheduler?: Scheduler;
  /** alert evaluation and delivery (active while this process leads) */
  alerts: AlertEngine;
  /** queues bulk replays; works them where runs run */
  bulkReplays: BulkReplays;
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const listener = createListener(options.url);
  const endpoints = createEndpointCache(options.pool);
  listener.on(CHANNELS.instances, () => endpoints.clear());
  listener.onConnected(() => endpoints.clear()); // a change notified while it was down went unheard
  const completion = createCompletion(listener, options.pool);

  const worker = options.worker
    ? await startWorker({
        boss: options.boss,
        pool: options.pool,
        listener,
        runner: options.runner,
        concurrency: options.concurrency,
        onFinished: completion.finished,
      })
    : undefined;
  // polling component triggers' polls (runtime/triggers) run where runs do
  const polls = worker
    ? await startPollWorker({ pool: options.pool, boss: options.boss, runner: options.runner, accepted: () => worker.wake() })
    : undefined;
  const batcher = createIngestBatcher({ pool: options.pool, boss: options.boss, afterCommit: () => worker?.wake() });
  const backlog = createBacklog(options.pool);
  const bulkReplays = await createBulkReplays({ pool: options.pool, boss: options.boss, batcher, work: !!worker });
  const dispatch = createDispatch({ batcher, completion, backlog, localSlots: worker?.startDirect });
  const webhookHandler = createWebhookHandler({ pool: options.pool, endpoints, dispatch, completion });
  const alerts = createAlertEngine({ pool: options.pool, boss: options.boss, listener, completion });
  const scheduler =
    options.scheduler === false
      ? undefined
      : startScheduler({
          url: options.url,
          pool: options.pool,
          boss: options.boss,
          listener,
          instancesChannel: CHANNELS.instances,
          leaderJobs: [alerts, createRetentionJob(options.pool), createRollupJob(options.pool)],
        });

  return {
    webhookHandler,
    batcher,
    completion,
    events: createExecutionEventHub(completion),
    backlog,
    worker,
    scheduler,
    alerts,
    bulkReplays,
    async stop() {
      await scheduler?.stop();
      await alerts.close();
      await bulkReplays.stop();
      await batcher.drain();
      await backlog.stop();
      await polls?.stop();
      await worker?.stop();
      await listener.close();
    },
  };
}

/**
 * A worker: runs up to `concurrency` executions at once from the execution queue (see
 * job-dispatcher.ts), woken when work arrives — at once in this process, and by NOTIFY from
 * other processes (polling stays as the fallback).
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner } from "@/components-registry/contract";
import type { LocalSlots } from "../executions/dispatch";
import { runQueued, startDirect, type DirectRun, type RunDeps } from "../executions/run-attempt";
import { CHANNELS, parseJobsNotice } from "../queue/channels";
import type { Listener } from "../queue/listen";
import { EXECUTION_QUEUE, type ExecutionJob } from "../queue/queues";
import { completeJobs, fetchJobs } from "../queue/job-statements";
import { startDispatcher } from "./job-dispatcher";

export interface Worker {
  id: string;
  concurrency: number;
  /** new jobs were committed: fetch them now */
  wake(): void;
  /**
   * starts a synchronous webhook's execution here, without a job, in a slot that is free or comes
   * free within `maxWaitMs` (ahead of queued jobs): the request waiting for it skips the queue's
   * round trips. Resolves once the run has started, with the run to wait for (its row is written
   * with its first batch of step results or its outcome: `recorded()` before naming it in a 202);
   * null when no slot came free in time, or while the database is not reachable (the caller
   * queues it, which fails with 503 then: no run starts that could not be recorded).
   */
  startDirect: LocalSlots;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  boss: PgBoss;
  pool: pg.Pool;
  listener: Listener;
  runner: ActionRunner;
  concurrency?: number;
  onFinished?: RunDeps["onFinished"];
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const concurrency = options.concurrency ?? Number(process.env.JUNCTION_WORKER_CONCURRENCY ?? 16);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const deps = { pool: options.pool, boss: options.boss, runner: options.runner, workerId: id, onFinished: options.onFinished };
  // connections an execution opened (SFTP) and the sandbox contexts it kept close with it
  const endExecution = (executionId: string) => Promise.resolve(options.runner.endExecution?.(executionId)).catch(() => {});
  const dispatcher = startDispatcher<ExecutionJob>({
    fetch: (limit) => fetchJobs<ExecutionJob>(options.pool, EXECUTION_QUEUE, limit),
    complete: (ids) => completeJobs(options.pool, EXECUTION_QUEUE, ids),
    concurrency,
    pollingIntervalMs: 2_000,
    async run(job) {
      const { executionId } = job.data;
      try {
        await runQueued(deps, executionId);
      } catch (err) {
        console.error(`[worker] execution ${executionId}: ${(err as Error).message}`);
      }
      await endExecution(executionId);
    },
    onError: (err) => console.error(`[worker] ${err.message}`),
  });
  const wake = () => dispatcher.wake();

  // a job that may start later (a retry, a scheduled run) wakes the dispatcher at its time
  const timers = new Set<NodeJS.Timeout>();
  const unlisten = options.listener.on(CHANNELS.jobs, (payload) => {
    const startAfter = parseJobsNotice(payload);
    if (!(startAfter > Date.now())) return wake();
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        wake();
      },
      startAfter - Date.now() + 5,
    );
    timers.add(timer);
  });
  const unlistenConnected = options.listener.onConnected(wake); // jobs notified while it was down

  return {
    id,
    concurrency,
    wake,
    async startDirect(row, maxWaitMs, facts) {
      if (!options.listener.connected()) return null;
      const release = await dispatcher.reserve(maxWaitMs);
      if (!release) return null;
      const done = () => endExecution(row.id).then(release);
      let started: DirectRun;
      try {
        started = await startDirect(deps, row, facts);
      } catch (err) {
        await done();
        throw err;
      }
      return { ...started, ended: started.ended.finally(done) };
    },
    async stop() {
      unlisten();
      unlistenConnected();
      for (const timer of timers) clearTimeout(timer);
      // stop taking jobs, then let the running ones finish (SIGTERM drains)
      await dispatcher.stop();
    },
  };
}

/**
 * A worker: `concurrency` pg-boss work loops on the execution queue. pg-boss waits out its
 * polling interval even when jobs are waiting, so every loop is woken when work arrives — at once
 * in this process, and by NOTIFY from other processes (polling stays as the fallback).
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner } from "../../components-registry/contract";
import { runExecution } from "../executions/run-execution";
import { CHANNELS, parseJobsNotice } from "../queue/channels";
import type { Listener } from "../queue/listen";
import { EXECUTION_QUEUE, type ExecutionJob } from "../queue/queues";

export interface Worker {
  id: string;
  concurrency: number;
  /** wake loops for `jobs` new jobs committed in this process */
  wake(jobs?: number): void;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  boss: PgBoss;
  pool: pg.Pool;
  listener: Listener;
  runner: ActionRunner;
  concurrency?: number;
  onFinished?: (executionId: string, status: string) => void;
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const concurrency = options.concurrency ?? Number(process.env.JUNCTION_WORKER_CONCURRENCY ?? 8);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const deps = { pool: options.pool, boss: options.boss, runner: options.runner, workerId: id, onFinished: options.onFinished };
  const loopIds: string[] = [];
  const busy = new Set<string>();
  let idle: (() => void) | undefined;

  for (let i = 0; i < concurrency; i++) {
    let loopId = "";
    loopId = await options.boss.work<ExecutionJob>(EXECUTION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
      // a loop that found a job fetches again at once: pg-boss would otherwise wait out its
      // polling interval even with more jobs waiting
      options.boss.notifyWorker(loopId);
      busy.add(loopId);
      try {
        await runExecution(deps, job!.data.executionId);
        // connections an execution opened (SFTP) close with it
        await options.runner.endExecution?.(job!.data.executionId);
      } catch (err) {
        console.error(`[worker] execution ${job!.data.executionId}: ${(err as Error).message}`);
      } finally {
        busy.delete(loopId);
        if (busy.size === 0) idle?.();
      }
    });
    loopIds.push(loopId);
  }

  /** wakes up to `jobs` loops that are not running a job (each fetches one) */
  const wake = (jobs = concurrency) => {
    let n = jobs;
    for (const loop of loopIds) {
      if (n <= 0) break;
      if (busy.has(loop)) continue;
      options.boss.notifyWorker(loop);
      n--;
    }
  };
  // a job that may start later (a retry) wakes a loop at its time
  const timers = new Set<NodeJS.Timeout>();
  const unlisten = options.listener.on(CHANNELS.jobs, (payload) => {
    const { count, startAfter } = parseJobsNotice(payload);
    if (!(startAfter > Date.now())) return wake(count);
    const timer = setTimeout(() => {
      timers.delete(timer);
      wake(count);
    }, startAfter - Date.now() + 5);
    timers.add(timer);
  });

  return {
    id,
    concurrency,
    wake,
    async stop() {
      unlisten();
      for (const timer of timers) clearTimeout(timer);
      // stop taking jobs, then let the running ones finish (SIGTERM drains)
      await options.boss.offWork(EXECUTION_QUEUE);
      if (busy.size > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}

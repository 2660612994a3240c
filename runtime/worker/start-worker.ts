import type PgBoss from "pg-boss";
import type { Db } from "../../db/client";

export interface Worker {
  concurrency: number;
  stop(): Promise<void>;
}

/**
 * The worker: takes jobs from pg-boss. Concurrency per worker from JUNCTION_WORKER_CONCURRENCY.
 * Job handlers register here as the runtime lands (executions, schedules, retention).
 */
export async function startWorker(options: { boss: PgBoss; db: Db; concurrency?: number }): Promise<Worker> {
  const concurrency = options.concurrency ?? Number(process.env.JUNCTION_WORKER_CONCURRENCY ?? 8);
  return {
    concurrency,
    async stop() {},
  };
}

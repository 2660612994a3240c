/**
 * Puts execution jobs on the queue inside the caller's transaction, so an execution row and its
 * job commit together or not at all, and wakes workers in every process when it commits.
 */
import type PgBoss from "pg-boss";
import type { PoolClient } from "pg";
import { CHANNELS, jobsNotice } from "./channels";
import { EXECUTION_QUEUE, type ExecutionJob } from "./queues";

export interface JobSpec {
  executionId: string;
  startAfter?: Date;
  /** deduplicates (e.g. one scheduled run per instance flow and minute) */
  singletonKey?: string;
}

export async function enqueueInTransaction(boss: PgBoss, client: PoolClient, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const inserts: PgBoss.JobInsert<ExecutionJob>[] = jobs.map((j) => ({
    name: EXECUTION_QUEUE,
    data: { executionId: j.executionId },
    retryLimit: 0,
    ...(j.startAfter && { startAfter: j.startAfter }),
    ...(j.singletonKey && { singletonKey: j.singletonKey }),
  }));
  await boss.insert(inserts, { db: { executeSql: (text, values) => client.query(text, values) } });
  // delivered at commit: when the earliest may start, so workers wake for them (then, not at
  // their next poll)
  const earliest = Math.min(...jobs.map((j) => j.startAfter?.getTime() ?? 0));
  await client.query(`select pg_notify('${CHANNELS.jobs}', $1)`, [jobsNotice(earliest)]);
}

import type PgBoss from "pg-boss";

/** The one queue every execution goes through: the job carries only `{ executionId }`. */
export const EXECUTION_QUEUE = "execution";

/** Alert deliveries (webhook, email): one job per destination and attempt (runtime/alerts). */
export const ALERT_DELIVERY_QUEUE = "alert-delivery";

export interface ExecutionJob {
  executionId: string;
}

/**
 * Creates the queues. Jobs are never retried by pg-boss itself: attempts are ours (recorded on the
 * execution), and a worker that dies mid-run is detected by its heartbeat, not by job expiry.
 */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(EXECUTION_QUEUE))) {
    await boss.createQueue(EXECUTION_QUEUE, { name: EXECUTION_QUEUE, retryLimit: 0, expireInSeconds: 6 * 3600, retentionDays: 1 });
  }
  if (!(await boss.getQueue(ALERT_DELIVERY_QUEUE))) {
    await boss.createQueue(ALERT_DELIVERY_QUEUE, { name: ALERT_DELIVERY_QUEUE, retryLimit: 1, expireInSeconds: 120, retentionDays: 1 });
  }
}

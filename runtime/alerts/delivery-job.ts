/**
 * Alert deliveries are pg-boss jobs (queue ALERT_DELIVERY_QUEUE): one per destination and attempt,
 * so a delivery waiting out its backoff, or cut off by a crash, is picked up after a restart by
 * whichever process works the queue. The job carries what it sends: the monitor may change or
 * go meanwhile, the event stays as it was raised.
 */
import type PgBoss from "pg-boss";
import type { PoolClient } from "pg";
import { ALERT_DELIVERY_QUEUE } from "../queue/queues";
import type { AlertContext } from "./evaluate-execution";
import type { Destination } from "./monitor-schema";

export interface AlertDeliveryJob {
  eventId: string;
  /** the destination's place in the event's deliveries */
  index: number;
  attempt: number;
  destination: Exclude<Destination, { kind: "feed" }>;
  context: AlertContext;
}

/** Queues deliveries inside the caller's transaction: they commit with the row they update. */
export async function queueDeliveries(
  boss: PgBoss,
  client: PoolClient,
  jobs: Array<{ job: AlertDeliveryJob; startAfter?: Date }>,
): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    jobs.map(({ job, startAfter }) => ({
      name: ALERT_DELIVERY_QUEUE,
      data: job,
      // our attempts are in the job; pg-boss retries only a job whose process died mid-delivery
      // (it expires): at least once, never lost
      retryLimit: 1,
      expireInSeconds: 120,
      ...(startAfter && { startAfter }),
    })),
    { db: { executeSql: (text, values) => client.query(text, values) } },
  );
}

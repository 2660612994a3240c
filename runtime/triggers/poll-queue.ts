/**
 * Polls go through their own pg-boss queue: the leader sends one job per due polling instance flow
 * and minute (singleton per slot), a worker runs it (run-poll.ts). A lost or repeated job is
 * harmless: the slot is claimed in trigger_cursors before polling, and the cursor moves only with
 * the executions the poll created.
 */
import type PgBoss from "pg-boss";

export const TRIGGER_POLL_QUEUE = "trigger-poll";

export interface PollJob {
  instanceId: string;
  flowKey: string;
  /** the minute index (JUNCTION_MINUTE_MS units) the poll is due in */
  slot: number;
}

const ensured = new WeakSet<PgBoss>();

export async function ensurePollQueue(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  if (!(await boss.getQueue(TRIGGER_POLL_QUEUE))) {
    await boss.createQueue(TRIGGER_POLL_QUEUE, { name: TRIGGER_POLL_QUEUE, retryLimit: 0, expireInSeconds: 900, retentionDays: 1 });
  }
  ensured.add(boss);
}

/** queues the polls due in a minute; their jobs wait for the minute's start */
export async function sendPolls(
  boss: PgBoss,
  polls: { instanceId: string; flowKey: string }[],
  slot: number,
  minuteMs: number,
): Promise<void> {
  if (polls.length === 0) return;
  await ensurePollQueue(boss);
  const startAfter = new Date(slot * minuteMs);
  await boss.insert(
    polls.map((p) => ({
      name: TRIGGER_POLL_QUEUE,
      data: { instanceId: p.instanceId, flowKey: p.flowKey, slot } satisfies PollJob,
      singletonKey: `${p.instanceId}:${p.flowKey}:${slot}`,
      startAfter,
    })),
  );
}

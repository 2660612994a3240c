/** Works the poll queue in a worker process: one poll at a time per fetch (polls are short). */
import type { PollDeps } from "./run-poll";
import { runPoll } from "./run-poll";
import { ensurePollQueue, TRIGGER_POLL_QUEUE, type PollJob } from "./poll-queue";

export interface PollWorker {
  stop(): Promise<void>;
}

export async function startPollWorker(deps: PollDeps): Promise<PollWorker> {
  await ensurePollQueue(deps.boss);
  const pollingIntervalSeconds = Math.max(0.5, Number(process.env.JUNCTION_POLL_QUEUE_INTERVAL_S ?? 1));
  const id = await deps.boss.work<PollJob>(TRIGGER_POLL_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    try {
      await runPoll(deps, job.data);
    } catch (err) {
      // the cursor did not move: the next slot polls again
      console.error(`[triggers] poll of instance ${job.data.instanceId} flow ${job.data.flowKey}: ${(err as Error).message}`);
    }
  });
  return {
    async stop() {
      await deps.boss.offWork({ id });
    },
  };
}

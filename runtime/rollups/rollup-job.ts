/** The leader keeps the dashboard's rollups current: a pass when it becomes leader, then each minute. */
import type pg from "pg";
import type { LeaderJob } from "../retention/retention-job";
import { rollupExecutions } from "./rollup-executions";

export function createRollupJob(pool: pg.Pool, everyMs = Number(process.env.JUNCTION_ROLLUP_EVERY_MS ?? 60_000)): LeaderJob {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = true;
  const tick = () => {
    running = true;
    rollupExecutions(pool, { shouldStop: () => stopped })
      .catch((err) => console.error(`[rollups] ${(err as Error).message}`))
      .finally(() => {
        running = false;
        // the next pass is timed from the end of this one, so passes never overlap
        if (stopped) return;
        timer = setTimeout(tick, everyMs);
        timer.unref();
      });
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      // leadership lost and won again during a pass: that pass schedules the next
      if (!running) tick();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

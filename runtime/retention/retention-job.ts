/** The leader's daily pruning: once when it becomes leader, then every day while it leads. */
import type pg from "pg";
import { pruneExecutions } from "./prune-executions";

export interface LeaderJob {
  start(): void;
  stop(): void;
}

export function createRetentionJob(pool: pg.Pool, everyMs = 86_400_000): LeaderJob {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = true;
  const run = () => {
    if (running) return;
    running = true;
    pruneExecutions(pool, { shouldStop: () => stopped })
      .then((r) => {
        if (r.logs + r.steps + r.executions > 0)
          console.log(`[retention] pruned ${r.logs} log lines, ${r.steps} step results, ${r.executions} executions`);
      })
      .catch((err) => console.error(`[retention] ${(err as Error).message}`))
      .finally(() => (running = false));
  };
  return {
    start() {
      stopped = false;
      // a little after start: a process that just became leader has other work first
      timer = setTimeout(function tick() {
        run();
        timer = setTimeout(tick, everyMs);
        timer.unref();
      }, 30_000);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

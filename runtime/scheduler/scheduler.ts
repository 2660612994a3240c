/**
 * The leader's loops: shortly before each minute boundary, fire the schedules due in that minute
 * (their jobs wait until the boundary, so a thousand runs are queued, not still being inserted,
 * when it comes); every few seconds, reap runs whose worker died and sweep up runs left without
 * a job (executions/lost-runs.ts). Scheduled flows are cached and reloaded when an instance
 * changes (NOTIFY), so a tick costs one batch insert.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { minuteMs } from "../executions/retry-policy";
import type { Listener } from "../queue/listen";
import { fireSchedules, loadScheduledFlows, type ScheduledFlow } from "./fire-schedules";
import { electLeader } from "./leader";
import { reapStaleRuns, sweepWaitingRuns } from "../executions/lost-runs";

/** Periodic or listening work only the leader does (alerting, retention). */
export interface LeaderJob {
  start(): void;
  stop(): void;
}

/** how long before its minute a minute's runs are queued (at most a quarter of a minute) */
function leadMs(minute: number): number {
  return Math.min(Number(process.env.JUNCTION_SCHEDULE_LEAD_MS ?? 2_000), minute / 4);
}

export interface Scheduler {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function startScheduler(options: {
  url: string;
  pool: pg.Pool;
  boss: PgBoss;
  listener: Listener;
  instancesChannel: string;
  leaderJobs?: LeaderJob[];
  /**
   * The clock time (ms since the epoch) minute i's schedules are read at: by default i × 60 000,
   * so minutes shortened by JUNCTION_MINUTE_MS walk the calendar one minute per tick. Tests give
   * their own to reach a date (a daylight saving change) without waiting for it.
   */
  clockAt?: (minute: number) => number;
}): Scheduler {
  const { pool, boss } = options;
  const staleMs = Number(process.env.JUNCTION_STALE_RUN_MS ?? 30_000);
  const graceMs = Number(process.env.JUNCTION_SWEEP_GRACE_MS ?? 30_000);
  /**
   * After the database was out of reach, heartbeats were too: none is taken as a dead worker's
   * until the workers have had the stale time to send one again.
   */
  let reapNotBefore = 0;
  let flows: Promise<ScheduledFlow[]> | undefined;
  let tick: NodeJS.Timeout | undefined;
  let reaper: NodeJS.Timeout | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let lastMinute = -1;

  const unlisten = options.listener.on(options.instancesChannel, () => (flows = undefined));
  const unlistenConnected = options.listener.onConnected((lostAt) => {
    flows = undefined; // changes notified while it was down
    if (lostAt) reapNotBefore = Date.now() + staleMs;
  });

  /** the next minute whose firing time (its start less the lead) has not passed */
  function nextMinute(): number {
    const ms = minuteMs();
    return Math.floor((Date.now() + leadMs(ms)) / ms) + 1;
  }

  function scheduleTick() {
    const ms = minuteMs();
    const minute = nextMinute();
    tick = setTimeout(() => void onTick(minute), minute * ms - leadMs(ms) - Date.now());
  }

  async function onTick(minute: number) {
    const ms = minuteMs();
    scheduleTick();
    if (minute === lastMinute) return;
    lastMinute = minute;
    try {
      flows ??= loadScheduledFlows(pool);
      await fireSchedules(pool, boss, await flows, minute, ms, options.clockAt?.(minute));
    } catch (err) {
      flows = undefined;
      console.error(`[scheduler] minute ${new Date(minute * ms).toISOString()}: ${(err as Error).message}`);
    }
  }

  const leadership = electLeader(options.url, (leader) => {
    if (leader) {
      flows = undefined;
      scheduleTick();
      reaper = setInterval(
        () => {
          if (Date.now() < reapNotBefore) return;
          reapStaleRuns(pool, boss, staleMs).catch((err) => console.error(`[scheduler] reaping: ${(err as Error).message}`));
        },
        Math.max(1000, Math.min(staleMs / 3, 10_000)),
      );
      sweeper = setInterval(
        () => {
          sweepWaitingRuns(pool, boss, graceMs).catch((err) => console.error(`[scheduler] sweeping: ${(err as Error).message}`));
        },
        Math.max(1000, Math.min(graceMs / 2, 10_000)),
      );
      for (const job of options.leaderJobs ?? []) job.start();
    } else {
      if (tick) clearTimeout(tick);
      if (reaper) clearInterval(reaper);
      if (sweeper) clearInterval(sweeper);
      for (const job of options.leaderJobs ?? []) job.stop();
    }
  });

  return {
    isLeader: leadership.isLeader,
    async stop() {
      unlisten();
      unlistenConnected();
      if (tick) clearTimeout(tick);
      if (reaper) clearInterval(reaper);
      if (sweeper) clearInterval(sweeper);
      for (const job of options.leaderJobs ?? []) job.stop();
      await leadership.stop();
    },
  };
}

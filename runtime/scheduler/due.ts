/**
 * Whether a schedule fires in a given minute. Minutes are counted from the Unix epoch in units of
 * JUNCTION_MINUTE_MS (a real minute unless tests shorten it); cron strings are read against that
 * minute's clock time, in the schedule's time zone.
 *
 * `every N <unit>` fires when the minute index is a multiple of N units from the epoch: every 5
 * minutes at :00, :05, …; every 2 hours at 00:00, 02:00, … UTC; every N days at 00:00 UTC.
 */
import { Cron } from "croner";
import type { FixedSchedule } from "../definition";

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440, weeks: 10080 } as const;

const crons = new Map<string, Cron>();
function cronOf(expr: string, timezone?: string): Cron {
  const key = `${expr}|${timezone ?? ""}`;
  let c = crons.get(key);
  if (!c) {
    c = new Cron(expr, { timezone, paused: true });
    if (crons.size > 10_000) crons.clear();
    crons.set(key, c);
  }
  return c;
}

export function isDue(schedule: FixedSchedule, minuteIndex: number): boolean {
  if ("every" in schedule) return minuteIndex % (schedule.every * UNIT_MINUTES[schedule.unit]) === 0;
  const at = new Date(minuteIndex * 60_000);
  const next = cronOf(schedule.cron, schedule.timezone).nextRun(new Date(at.getTime() - 1000));
  return next?.getTime() === at.getTime();
}

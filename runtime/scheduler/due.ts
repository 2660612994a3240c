/**
 * Whether a schedule fires at a minute's clock time (ms since the epoch, on a minute boundary).
 * The scheduler reads minute i (counted in JUNCTION_MINUTE_MS) as clock time i × 60 000 unless a
 * test gives it another clock (scheduler.ts), so shortened minutes still walk a calendar.
 *
 * - `every N minutes|hours|days|weeks` alone: when the minutes since the epoch are a multiple of N
 *   units (every 5 minutes at :00, :05, …; every 2 hours at even hours UTC; every N days at 00:00
 *   UTC; weeks from Thursday 1970-01-01) — what these always meant.
 * - with `at`, `weekday`, `dayOfMonth` or `timezone`, and every `months` schedule: on the calendar
 *   in its zone (calendar.ts). Each schedule's next run is kept, so a minute costs a comparison.
 * - a cron string: against the clock time in the schedule's time zone (croner).
 */
import { Cron } from "croner";
import type { FixedSchedule, IntervalSchedule } from "../definition";
import { isCalendarSchedule, nextCalendarRun } from "./calendar";

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440, weeks: 10080 } as const;
const MINUTE = 60_000;

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

/** per calendar schedule: its first run after `after` is `next` (valid for any time in (after, next]) */
const upcoming = new Map<string, { after: number; next: number }>();
function nextRunFrom(s: IntervalSchedule, atMs: number): number {
  const key = `${s.every}|${s.unit}|${s.at ?? ""}|${s.weekday ?? ""}|${s.dayOfMonth ?? ""}|${s.timezone ?? ""}`;
  const known = upcoming.get(key);
  if (known && known.after < atMs && atMs <= known.next) return known.next;
  const after = atMs - MINUTE;
  const next = nextCalendarRun(s, after);
  if (upcoming.size > 10_000) upcoming.clear();
  upcoming.set(key, { after, next });
  return next;
}

export function isDue(schedule: FixedSchedule, atMs: number): boolean {
  if ("every" in schedule) {
    if (isCalendarSchedule(schedule)) return nextRunFrom(schedule, atMs) === atMs;
    return Math.round(atMs / MINUTE) % (schedule.every * UNIT_MINUTES[schedule.unit as keyof typeof UNIT_MINUTES]) === 0;
  }
  const next = cronOf(schedule.cron, schedule.timezone).nextRun(new Date(atMs - 1000));
  return next?.getTime() === atMs;
}

/** The next `n` runs after `fromMs`, for people to check a schedule (the designer, the wizard). */
export function nextRuns(schedule: FixedSchedule, fromMs: number, n = 5): Date[] {
  if ("cron" in schedule) return cronOf(schedule.cron, schedule.timezone).nextRuns(n, new Date(fromMs));
  const runs: Date[] = [];
  let after = fromMs;
  for (let i = 0; i < n; i++) {
    if (isCalendarSchedule(schedule)) after = nextCalendarRun(schedule, after);
    else {
      const step = schedule.every * UNIT_MINUTES[schedule.unit as keyof typeof UNIT_MINUTES] * MINUTE;
      after = (Math.floor(after / step) + 1) * step;
    }
    runs.push(new Date(after));
  }
  return runs;
}

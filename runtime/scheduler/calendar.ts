/**
 * Interval schedules on the calendar: `every N days|weeks|months` at a time of day (`at`), on a
 * weekday (weeks) or a day of the month (months), in an IANA time zone (default UTC).
 *
 * - Days are counted from 1970-01-01 in the schedule's zone (every 2 days: even day numbers);
 *   weeks from Monday 1970-01-05 (every 2 weeks: even week numbers, weeks starting on Monday);
 *   months from January 1970 (every 3 months: January, April, July, October).
 * - `dayOfMonth` past a month's end (31 in April, 29–31 in February) fires on its last day.
 * - Daylight saving, as cron libraries (croner) do: a local time skipped by a spring-forward gap
 *   fires once, at the first minute after the gap (02:30 in Berlin on the last Sunday of March
 *   fires at 03:00 CEST); a local time that happens twice when clocks go back fires once, the
 *   first time.
 *
 * Only platform Intl is used (Node's full ICU; browsers too), so the designer and the wizard show
 * the same next runs as the scheduler fires.
 */
import type { FixedSchedule, IntervalSchedule } from "../definition/schema";
import { WEEKDAYS } from "../definition/schema";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 1970-01-05 was a Monday: day number 4 */
const FIRST_MONDAY = 4;

/** `{ every, unit }` alone keeps its old meaning (counted in UTC minutes from the epoch); anything more reads the calendar */
export function isCalendarSchedule(s: IntervalSchedule): boolean {
  return s.unit === "months" || s.at !== undefined || s.weekday !== undefined || s.dayOfMonth !== undefined || s.timezone !== undefined;
}

const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The rules a calendar schedule's fields follow, in words; [] when it is fine. */
export function intervalProblems(s: IntervalSchedule): { field: keyof IntervalSchedule; message: string }[] {
  const out: { field: keyof IntervalSchedule; message: string }[] = [];
  const calendar = s.unit === "days" || s.unit === "weeks" || s.unit === "months";
  if (s.at !== undefined && !AT.test(s.at))
    out.push({ field: "at", message: `"${s.at}" is not a time of day: write it as HH:MM, 24-hour (e.g. 09:00)` });
  if (!calendar) {
    if (s.at !== undefined) out.push({ field: "at", message: `a time of day goes with days, weeks or months, not ${s.unit}` });
    if (s.timezone !== undefined) out.push({ field: "timezone", message: `a time zone goes with days, weeks or months, not ${s.unit}` });
  }
  if (s.weekday !== undefined && s.unit !== "weeks") out.push({ field: "weekday", message: `a weekday goes with weeks, not ${s.unit}` });
  if (s.dayOfMonth !== undefined && s.unit !== "months")
    out.push({ field: "dayOfMonth", message: `a day of the month goes with months, not ${s.unit}` });
  if (s.timezone !== undefined && !formatter(s.timezone))
    out.push({ field: "timezone", message: `"${s.timezone}" is not a time zone (e.g. Europe/Berlin, America/New_York or UTC)` });
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Berlin in winter: +3 600 000). */
export function offsetAt(timeZone: string, ms: number): number {
  if (timeZone === "UTC") return 0;
  const f = formatter(timeZone);
  if (!f) throw new Error(`"${timeZone}" is not a time zone`);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local wall time (as if UTC: `Date.UTC(y, m, d, h, mi)`) happens in a zone: the
 * first of two when clocks go back; the first minute after the gap when it is skipped.
 */
export function zonedInstant(timeZone: string, wall: number): number {
  if (timeZone === "UTC") return wall;
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const fits = [before, after].filter((o) => offsetAt(timeZone, wall - o) === o).map((o) => wall - o);
  if (fits.length > 0) return Math.min(...fits);
  // skipped: the transition lies between wall - after (still the old offset) and wall - before
  let lo = Math.floor((wall - after) / MINUTE);
  let hi = Math.ceil((wall - before) / MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid * MINUTE) === before) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}

const dayNumberOf = (ms: number) => Math.floor(ms / DAY);
const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** The first time a calendar schedule fires strictly after `afterMs`. */
export function nextCalendarRun(s: IntervalSchedule, afterMs: number): number {
  const tz = s.timezone ?? "UTC";
  const [h, mi] = (s.at ?? "00:00").split(":").map(Number) as [number, number];
  const timeOfDay = h * 3_600_000 + mi * MINUTE;
  // start a day early in local terms: the zone's offset can put the local date behind UTC
  const today = dayNumberOf(afterMs + offsetAt(tz, afterMs)) - 1;
  const fireOn = (day: number) => zonedInstant(tz, day * DAY + timeOfDay);
  if (s.unit === "days") {
    for (let day = today + ((((s.every - (today % s.every)) % s.every) + s.every) % s.every); ; day += s.every) {
      const at = fireOn(day);
      if (at > afterMs) return at;
    }
  }
  if (s.unit === "weeks") {
    const weekday = WEEKDAYS.indexOf(s.weekday ?? "monday"); // 0 = Monday
    const startWeek = Math.floor((today - FIRST_MONDAY) / 7);
    const firstWeek = startWeek + ((((s.every - (startWeek % s.every)) % s.every) + s.every) % s.every);
    for (let week = firstWeek; ; week += s.every) {
      const at = fireOn(FIRST_MONDAY + week * 7 + weekday);
      if (at > afterMs) return at;
    }
  }
  if (s.unit === "months") {
    const d = new Date(today * DAY);
    const startMonth = d.getUTCFullYear() * 12 + d.getUTCMonth() - 23_640; // months since January 1970
    const firstMonth = startMonth + ((((s.every - (startMonth % s.every)) % s.every) + s.every) % s.every);
    for (let month = firstMonth; ; month += s.every) {
      const year = 1970 + Math.floor(month / 12);
      const month0 = ((month % 12) + 12) % 12;
      const day = Math.min(s.dayOfMonth ?? 1, daysInMonth(year, month0));
      const at = fireOn(dayNumberOf(Date.UTC(year, month0, day)));
      if (at > afterMs) return at;
    }
  }
  throw new Error(`every ${s.every} ${s.unit} is not read on the calendar`);
}

/** A schedule in words, as the wizard's review and the CLI show it: "every 1 weeks on Monday at 09:00 (Europe/Berlin)". */
export function describeSchedule(s: FixedSchedule): string {
  if ("cron" in s) return `cron ${s.cron}${s.timezone ? ` (${s.timezone})` : ""}`;
  const parts = [`every ${s.every} ${s.unit}`];
  if (s.weekday) parts.push(`on ${s.weekday[0]!.toUpperCase()}${s.weekday.slice(1)}`);
  if (s.dayOfMonth !== undefined) parts.push(`on day ${s.dayOfMonth}`);
  if (s.at) parts.push(`at ${s.at}`);
  if (s.timezone) parts.push(`(${s.timezone})`);
  return parts.join(" ");
}

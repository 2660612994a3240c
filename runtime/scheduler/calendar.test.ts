import { Cron } from "croner";
import { describe, expect, test } from "vitest";
import type { IntervalSchedule } from "../definition/schema";
import { WEEKDAYS } from "../definition/schema";
import { intervalProblems, nextCalendarRun, zonedInstant } from "./calendar";
import { isDue, nextRuns } from "./due";

const runs = (s: IntervalSchedule, from: string, n: number) => nextRuns(s, Date.parse(from), n).map((d) => d.toISOString());

describe("weekly at a time of day in a zone", () => {
  const monday9Berlin: IntervalSchedule = { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" };

  test("Monday 09:00 Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer, on both sides of each change", () => {
    // clocks go forward on Sunday 29 March 2026, back on Sunday 25 October 2026
    expect(runs(monday9Berlin, "2026-03-16T12:00:00Z", 3)).toEqual([
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-04-06T07:00:00.000Z",
    ]);
    expect(runs(monday9Berlin, "2026-10-12T12:00:00Z", 3)).toEqual([
      "2026-10-19T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-11-02T08:00:00.000Z",
    ]);
  });

  test("isDue walks every minute of a fortnight across the change and fires exactly at those minutes", () => {
    const fired: string[] = [];
    for (let t = Date.parse("2026-03-22T00:00:00Z"); t < Date.parse("2026-04-05T00:00:00Z"); t += 60_000) {
      if (isDue(monday9Berlin, t)) fired.push(new Date(t).toISOString());
    }
    expect(fired).toEqual(["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
  });

  test("America/New_York: 9:00 on Monday is 14:00 UTC before 8 March 2026 and 13:00 after, 14:00 again after 1 November", () => {
    const s: IntervalSchedule = { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "America/New_York" };
    expect(runs(s, "2026-03-01T00:00:00Z", 2)).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z"]);
    expect(runs(s, "2026-10-25T00:00:00Z", 2)).toEqual(["2026-10-26T13:00:00.000Z", "2026-11-02T14:00:00.000Z"]);
  });
});

describe("daylight saving: a skipped time fires once after the gap, a repeated one once, the first time (as croner)", () => {
  test("Europe/Berlin 02:30 daily", () => {
    const s: IntervalSchedule = { every: 1, unit: "days", at: "02:30", timezone: "Europe/Berlin" };
    // 29 March: 02:00–03:00 does not exist, so 03:00 CEST (01:00 UTC)
    expect(runs(s, "2026-03-27T12:00:00Z", 3)).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
    ]);
    // 25 October: 02:30 happens at 00:30 UTC (CEST) and 01:30 UTC (CET): the first only
    expect(runs(s, "2026-10-23T12:00:00Z", 3)).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
  });

  test("America/New_York 02:30 and 01:30 daily", () => {
    const gap: IntervalSchedule = { every: 1, unit: "days", at: "02:30", timezone: "America/New_York" };
    expect(runs(gap, "2026-03-07T12:00:00Z", 2)).toEqual(["2026-03-08T07:00:00.000Z", "2026-03-09T06:30:00.000Z"]);
    const repeated: IntervalSchedule = { every: 1, unit: "days", at: "01:30", timezone: "America/New_York" };
    expect(runs(repeated, "2026-10-31T12:00:00Z", 2)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
    // the repeated hour's second 01:30 (06:30 UTC) does not fire
    expect(isDue(repeated, Date.parse("2026-11-01T06:30:00Z"))).toBe(false);
    expect(isDue(repeated, Date.parse("2026-11-01T05:30:00Z"))).toBe(true);
  });

  test("the same minutes as croner's cron for a year of daily and weekly schedules in zones east and west, with half hours", () => {
    for (const timezone of [
      "Europe/Berlin",
      "America/New_York",
      "America/Los_Angeles",
      "Asia/Kolkata",
      "Pacific/Auckland",
      "Australia/Lord_Howe",
    ]) {
      for (const at of ["00:00", "01:30", "02:30", "09:00", "23:45"]) {
        const [h, m] = at.split(":").map(Number);
        const daily = runs({ every: 1, unit: "days", at, timezone }, "2026-01-01T00:00:00Z", 365);
        const cron = new Cron(`${m} ${h} * * *`, { timezone, paused: true }).nextRuns(365, new Date("2026-01-01T00:00:00Z"));
        expect(daily, `${at} ${timezone}`).toEqual(cron.map((d) => d.toISOString()));
      }
      const weekday = WEEKDAYS[3];
      const weekly = runs({ every: 1, unit: "weeks", weekday, at: "02:15", timezone }, "2026-01-01T00:00:00Z", 52);
      const cron = new Cron("15 2 * * 4", { timezone, paused: true }).nextRuns(52, new Date("2026-01-01T00:00:00Z"));
      expect(weekly, `weekly ${timezone}`).toEqual(cron.map((d) => d.toISOString()));
    }
  });

  test("zonedInstant: a wall time in a gap is the transition, an ordinary one its instant", () => {
    expect(new Date(zonedInstant("Europe/Berlin", Date.UTC(2026, 2, 29, 2, 0))).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(new Date(zonedInstant("Europe/Berlin", Date.UTC(2026, 2, 29, 3, 0))).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(new Date(zonedInstant("Europe/Berlin", Date.UTC(2026, 2, 29, 1, 59))).toISOString()).toBe("2026-03-29T00:59:00.000Z");
  });
});

describe("months, counts and defaults", () => {
  test("day 31 fires on the last day of a shorter month (30 April, 28 or 29 February)", () => {
    const s: IntervalSchedule = { every: 1, unit: "months", dayOfMonth: 31, at: "18:00" };
    expect(runs(s, "2027-12-31T20:00:00Z", 5)).toEqual([
      "2028-01-31T18:00:00.000Z",
      "2028-02-29T18:00:00.000Z",
      "2028-03-31T18:00:00.000Z",
      "2028-04-30T18:00:00.000Z",
      "2028-05-31T18:00:00.000Z",
    ]);
    expect(runs({ every: 1, unit: "months", dayOfMonth: 30 }, "2026-02-01T00:00:00Z", 2)).toEqual([
      "2026-02-28T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
    ]);
  });

  test("every 3 months counts from January: January, April, July, October; on the 1st at 00:00 UTC by default", () => {
    expect(runs({ every: 3, unit: "months" }, "2026-02-10T00:00:00Z", 3)).toEqual([
      "2026-04-01T00:00:00.000Z",
      "2026-07-01T00:00:00.000Z",
      "2026-10-01T00:00:00.000Z",
    ]);
  });

  test("a monthly run in a zone ahead of UTC falls on the local day (1 January 00:30 in Auckland is 31 December UTC)", () => {
    expect(runs({ every: 1, unit: "months", at: "00:30", timezone: "Pacific/Auckland" }, "2026-12-15T00:00:00Z", 1)).toEqual([
      "2026-12-31T11:30:00.000Z",
    ]);
  });

  test("every 2 weeks: weeks counted from Monday 5 January 1970; every 2 days from 1 January 1970", () => {
    const fortnightly = runs({ every: 2, unit: "weeks", weekday: "friday", at: "12:00" }, "2026-01-01T00:00:00Z", 3);
    // the week of Monday 5 January 2026 is week 2922 since 5 January 1970, an even one
    expect(fortnightly).toEqual(["2026-01-09T12:00:00.000Z", "2026-01-23T12:00:00.000Z", "2026-02-06T12:00:00.000Z"]);
    // 2026-01-01 is day 20454, even
    expect(runs({ every: 2, unit: "days", at: "06:00", timezone: "UTC" }, "2026-01-01T00:00:00Z", 2)).toEqual([
      "2026-01-01T06:00:00.000Z",
      "2026-01-03T06:00:00.000Z",
    ]);
  });

  test("a weekly schedule without a weekday is on Monday; one at 09:00 asked at 09:00 sharp is not 'after'", () => {
    expect(nextCalendarRun({ every: 1, unit: "weeks", at: "09:00" }, Date.parse("2026-03-23T09:00:00Z"))).toBe(
      Date.parse("2026-03-30T09:00:00Z"),
    );
  });

  test("plain { every, unit } keeps its old meaning: every 1 week is Thursday 00:00 UTC, every 1 day 00:00 UTC", () => {
    expect(runs({ every: 1, unit: "weeks" }, "2026-03-16T12:00:00Z", 1)).toEqual(["2026-03-19T00:00:00.000Z"]);
    expect(isDue({ every: 1, unit: "weeks" }, Date.parse("2026-03-19T00:00:00Z"))).toBe(true);
    expect(isDue({ every: 1, unit: "days" }, Date.parse("2026-03-19T00:00:00Z"))).toBe(true);
    expect(isDue({ every: 5, unit: "minutes" }, Date.parse("2026-03-19T00:05:00Z"))).toBe(true);
    expect(isDue({ every: 5, unit: "minutes" }, Date.parse("2026-03-19T00:06:00Z"))).toBe(false);
  });
});

describe("rules", () => {
  test("each field where it belongs, in words", () => {
    expect(intervalProblems({ every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" })).toEqual([]);
    const messages = (s: IntervalSchedule) => intervalProblems(s).map((p) => p.message);
    expect(messages({ every: 1, unit: "days", at: "9:00" })).toEqual([
      '"9:00" is not a time of day: write it as HH:MM, 24-hour (e.g. 09:00)',
    ]);
    expect(messages({ every: 1, unit: "days", at: "24:00" })).toHaveLength(1);
    expect(messages({ every: 1, unit: "hours", at: "09:00", timezone: "UTC" })).toEqual([
      "a time of day goes with days, weeks or months, not hours",
      "a time zone goes with days, weeks or months, not hours",
    ]);
    expect(messages({ every: 1, unit: "days", weekday: "monday", dayOfMonth: 3 })).toEqual([
      "a weekday goes with weeks, not days",
      "a day of the month goes with months, not days",
    ]);
    expect(messages({ every: 1, unit: "days", timezone: "Mars/Olympus" })).toEqual([
      '"Mars/Olympus" is not a time zone (e.g. Europe/Berlin, America/New_York or UTC)',
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { coerceFileValue, coerceValue } from "./config-values";
import { parseSchedulePhrase } from "./schedule-phrase";

describe("a schedule in words", () => {
  it("reads every N unit, a weekday or day of the month, a time of day and a time zone", () => {
    expect(parseSchedulePhrase("every 1 week on monday at 09:00 Europe/Berlin")).toEqual({
      every: 1,
      unit: "weeks",
      weekday: "monday",
      at: "09:00",
      timezone: "Europe/Berlin",
    });
    expect(parseSchedulePhrase("Every month on day 31 at 6:30 in America/New_York")).toEqual({
      every: 1,
      unit: "months",
      dayOfMonth: 31,
      at: "06:30",
      timezone: "America/New_York",
    });
    expect(parseSchedulePhrase("every 15 minutes")).toEqual({ every: 15, unit: "minutes" });
    expect(parseSchedulePhrase("every 2 days at 23:45 UTC")).toEqual({ every: 2, unit: "days", at: "23:45", timezone: "UTC" });
  });

  it("leaves what is not a phrase to the cron string", () => {
    expect(parseSchedulePhrase("*/5 * * * *")).toBeNull();
    expect(coerceValue("*/5 * * * *", { key: "sync", type: "schedule" })).toEqual({ cron: "*/5 * * * *" });
    expect(coerceValue("every 1 week on monday at 09:00 Europe/Berlin", { key: "sync", type: "schedule" })).toMatchObject({
      unit: "weeks",
      weekday: "monday",
    });
    expect(coerceFileValue("every 1 day at 07:00", { key: "sync", type: "schedule" })).toEqual({ every: 1, unit: "days", at: "07:00" });
  });
});

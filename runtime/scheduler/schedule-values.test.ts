import { describe, expect, it } from "vitest";
import { validateConfigValues } from "../config/config-values";
import type { ConfigVar } from "../definition/schema";

const vars: ConfigVar[] = [{ key: "sync", label: "Sync", type: "schedule" }];
const check = (sync: unknown) => validateConfigValues(vars, { sync });

describe("a schedule config variable's value (the wizard, the API, the CLI)", () => {
  it("takes a weekday, a time of day and a time zone with weeks, and stores them as given", () => {
    const sync = { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" };
    expect(check(sync)).toEqual({ ok: true, values: { sync } });
    expect(check({ every: 1, unit: "months", dayOfMonth: 31, at: "18:00" })).toMatchObject({ ok: true });
    expect(check({ every: 2, unit: "hours" })).toMatchObject({ ok: true });
  });

  it("refuses what does not fit, in words", () => {
    expect(check({ every: 1, unit: "hours", at: "09:00" })).toEqual({
      ok: false,
      errors: [{ key: "sync", message: "a time of day goes with days, weeks or months, not hours" }],
    });
    expect(check({ every: 1, unit: "days", timezone: "Europe/Berlinn" })).toEqual({
      ok: false,
      errors: [{ key: "sync", message: '"Europe/Berlinn" is not a time zone (e.g. Europe/Berlin, America/New_York or UTC)' }],
    });
    expect(check({ every: 1, unit: "days", at: "25:00" })).toEqual({
      ok: false,
      errors: [{ key: "sync", message: '"25:00" is not a time of day: write it as HH:MM, 24-hour (e.g. 09:00)' }],
    });
  });
});

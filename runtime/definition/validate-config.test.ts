import { describe, expect, it } from "vitest";
import type { ConfigVar, Definition, Flow } from "./schema";
import { integration } from "./test-builders";
import { validateDefinition } from "./validate";

const messages = (def: unknown) => validateDefinition(def).map((e) => `${e.path}: ${e.message}`);
const withVars = (...vars: ConfigVar[]) => integration([], vars);
const withTrigger = (trigger: Flow["trigger"], vars: ConfigVar[] = [], execution?: Flow["execution"]): Definition => {
  const def = integration([], vars);
  def.flows[0] = { ...def.flows[0], trigger, ...(execution ? { execution } : {}) };
  return def;
};

describe("config variables", () => {
  it("keeps a picklist's default among its options", () => {
    expect(
      messages(withVars({ key: "fileStore", label: "Store", type: "picklist", options: ["aws", "azure", "dropbox"], default: "gcs" })),
    ).toEqual(['configPages[0].elements[0].configVar.default: "gcs" is not one of the options (aws, azure, dropbox)']);
  });

  it("checks date, timestamp and code defaults", () => {
    expect(
      messages(
        withVars(
          { key: "d", label: "D", type: "date", default: "2024-01-31" },
          { key: "t", label: "T", type: "timestamp", default: "01/31/2024, 09:15 AM" },
          { key: "j", label: "J", type: "code", language: "json", default: "{ nope" },
          { key: "x", label: "X", type: "code", language: "xml", default: "<a><b></a>" },
        ),
      ).map((m) => m.replace(/JSON: .*/, "JSON: …").replace(/XML: .*/, "XML: …")),
    ).toEqual([
      "configPages[0].elements[0].configVar.default: a date is mm/dd/yyyy",
      "configPages[0].elements[2].configVar.default: not valid JSON: …",
      "configPages[0].elements[3].configVar.default: not valid XML: …",
    ]);
  });

  it("rejects a default on a credential and unknown keys", () => {
    const def = withVars({ key: "k", label: "K", type: "credential", credentialType: "apiKey", default: "secret" } as never);
    expect(messages(def)).toEqual(['configPages[0].elements[0].configVar.default: unknown key "default"']);
  });
});

describe("schedule triggers", () => {
  it("accepts every/unit, a 5-field cron with a time zone, and a schedule config variable", () => {
    const scheduleVar: ConfigVar = { key: "when", label: "When", type: "schedule", default: { every: 1, unit: "hours" } };
    expect(messages(withTrigger({ type: "schedule", schedule: { every: 5, unit: "minutes" } }))).toEqual([]);
    expect(messages(withTrigger({ type: "schedule", schedule: { cron: "*/5 8-16 * * 1-5", timezone: "America/Chicago" } }))).toEqual([]);
    expect(messages(withTrigger({ type: "schedule", schedule: { configVar: "when" } }, [scheduleVar]))).toEqual([]);
  });

  it("refuses bad cron strings, time zones, units and config variables", () => {
    const stringVar: ConfigVar = { key: "name", label: "Name", type: "string" };
    expect(messages(withTrigger({ type: "schedule", schedule: { cron: "* * * * * *" } }))).toEqual([
      "flows[0].trigger.schedule.cron: a cron string has 5 fields (minute hour day month weekday), got 6",
    ]);
    expect(messages(withTrigger({ type: "schedule", schedule: { cron: "61 * * * *", timezone: "Mars/Olympus" } }))).toEqual([
      "flows[0].trigger.schedule.cron: invalid cron string: Invalid value for minute: 61",
      'flows[0].trigger.schedule.timezone: unknown time zone "Mars/Olympus"',
    ]);
    expect(messages(withTrigger({ type: "schedule", schedule: { every: 5, unit: "fortnights" } } as never))).toEqual([
      'flows[0].trigger.schedule.unit: Invalid option: expected one of "minutes"|"hours"|"days"|"weeks"|"months"',
    ]);
    expect(
      messages(
        withTrigger({ type: "schedule", schedule: { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" } }),
      ),
    ).toEqual([]);
    expect(messages(withTrigger({ type: "schedule", schedule: { every: 2, unit: "hours", at: "9:00", weekday: "monday" } }))).toEqual([
      'flows[0].trigger.schedule.at: "9:00" is not a time of day: write it as HH:MM, 24-hour (e.g. 09:00)',
      "flows[0].trigger.schedule.at: a time of day goes with days, weeks or months, not hours",
      "flows[0].trigger.schedule.weekday: a weekday goes with weeks, not hours",
    ]);
    expect(messages(withTrigger({ type: "schedule", schedule: { configVar: "name" } }, [stringVar]))).toEqual([
      'flows[0].trigger.schedule.configVar: config variable "name" is a string, not a schedule',
    ]);
    expect(messages(withTrigger({ type: "schedule", schedule: { configVar: "missing" } }))).toEqual([
      'flows[0].trigger.schedule.configVar: unknown config variable "missing"',
    ]);
  });

  it("runs only webhook flows synchronously", () => {
    const def = withTrigger({ type: "schedule", schedule: { every: 1, unit: "days" } }, [], { synchronous: true });
    expect(messages(def)).toEqual(["flows[0].execution.synchronous: only webhook flows run synchronously"]);
  });

  it("keeps retry attempts within 1..10", () => {
    const def = withTrigger({ type: "webhook" }, [], { retry: { maxAttempts: 11, minutesBetween: 1 } });
    expect(messages(def)).toEqual(["flows[0].execution.retry.maxAttempts: must be a whole number from 1 to 10"]);
  });
});

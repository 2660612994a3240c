import { describe, expect, test } from "vitest";
import type { ConfigVar } from "../definition/schema";
import { cronProblem, validateConfigValues } from "./config-values";

const vars: ConfigVar[] = [
  { key: "shopUrl", label: "Shop URL", type: "string", required: true },
  { key: "startDate", label: "Start date", type: "date" },
  { key: "cutoff", label: "Cutoff", type: "timestamp" },
  { key: "fileStore", label: "File store", type: "picklist", options: ["aws", "azure", "dropbox"], default: "aws" },
  { key: "template", label: "Template", type: "code", language: "json" },
  { key: "layout", label: "Layout", type: "code", language: "xml" },
  { key: "dryRun", label: "Dry run", type: "boolean", default: false },
  { key: "sync", label: "Sync", type: "schedule", default: { every: 1, unit: "hours" } },
  { key: "apiKey", label: "API key", type: "credential", credentialType: "apiKey", required: true },
  { key: "login", label: "Login", type: "credential", credentialType: "basic" },
];

const good = {
  shopUrl: "https://shop.test",
  startDate: "02/29/2028",
  cutoff: "12/31/2026, 11:59 PM",
  template: '{"a":1}',
  layout: "<a><b/></a>",
  apiKey: { key: "k-123" },
};

describe("config values", () => {
  test("valid values pass and defaults fill the rest", () => {
    const r = validateConfigValues(vars, good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.values).toMatchObject({ fileStore: "aws", dryRun: false, sync: { every: 1, unit: "hours" } });
  });

  test.each([
    ["startDate", "13/40/2026", /not a date in the form mm\/dd\/yyyy|not a day/],
    ["startDate", "02/30/2026", /not a day of the calendar/],
    ["cutoff", "12/31/2026 11:59", /mm\/dd\/yyyy, HH:MM AM/],
    ["cutoff", "12/31/2026, 13:00 PM", /12-hour clock/],
    ["fileStore", "gcs", /must be one of aws, azure, dropbox/],
    ["template", "{not json", /invalid JSON/],
    ["layout", "<a><b></a>", /invalid XML at line 1/],
    ["dryRun", "yes", /true or false/],
    ["sync", { cron: "*/5 8-16 * *" }, /has 4 fields/],
    ["sync", { cron: "*/5 8-16 * * 1-5", timezone: "Mars/Olympus" }, /not a time zone/],
    ["sync", { every: 0, unit: "minutes" }, /at least 1/],
    ["apiKey", { key: "" }, /key is required/],
    ["login", { username: "u" }, /password/],
  ])("%s = %j is refused with the reason", (key, value, reason) => {
    const r = validateConfigValues(vars, { ...good, [key]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.key).toBe(key);
      expect(r.errors[0]!.message).toMatch(reason);
    }
  });

  test("required values and unknown keys", () => {
    const r = validateConfigValues(vars, { ...good, shopUrl: "", apiKey: undefined, extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.key).sort()).toEqual(["apiKey", "extra", "shopUrl"]);
  });

  test("the seed's business-hours cron parses", () => {
    expect(cronProblem("*/5 8-16 * * 1-5", "America/Chicago")).toBeNull();
    expect(cronProblem("61 * * * *")).toMatch(/not a valid cron/);
  });
});

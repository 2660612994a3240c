import { afterAll, beforeAll, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(["dateTime"]);
});
afterAll(() => runner.close());

const run = async (action: string, inputs: Record<string, unknown>) => (await runner.run(invocation("dateTime", action, inputs))).data;

test("now: ISO by default, formatted in a time zone", async () => {
  expect(Math.abs(Date.parse((await run("now", {})) as string) - Date.now())).toBeLessThan(5000);
  expect(await run("now", { format: "yyyy" })).toBe(String(new Date().getUTCFullYear()));
});

test("format in UTC and in a named time zone", async () => {
  expect(await run("format", { date: "2024-03-10T12:34:56Z", format: "yyyy-MM-dd HH:mm" })).toBe("2024-03-10 12:34");
  expect(await run("format", { date: "2024-03-10T12:34:56Z", format: "yyyy-MM-dd HH:mm", timeZone: "America/Chicago" })).toBe(
    "2024-03-10 07:34",
  );
  expect(await run("format", { date: 0, format: "yyyy-MM-dd" })).toBe("1970-01-01");
  await expect(run("format", { date: "2024-01-01", format: "yyyy", timeZone: "Mars/Base" })).rejects.toThrow(/unknown time zone/);
  await expect(run("format", { date: "yesterday", format: "yyyy" })).rejects.toThrow(/not a date/);
});

test("add and subtract move the calendar", async () => {
  expect(await run("add", { date: "2024-01-31T10:00:00Z", amount: 1, unit: "months" })).toBe("2024-02-29T10:00:00.000Z");
  expect(await run("add", { date: "2024-01-01T00:00:00Z", amount: "90", unit: "minutes" })).toBe("2024-01-01T01:30:00.000Z");
  expect(await run("subtract", { date: "2024-03-01T00:00:00Z", amount: 1, unit: "days" })).toBe("2024-02-29T00:00:00.000Z");
});

test("parse with a pattern in a time zone, or ISO", async () => {
  expect(await run("parse", { value: "03/10/2024, 09:15 AM", format: "MM/dd/yyyy, hh:mm a" })).toBe("2024-03-10T09:15:00.000Z");
  expect(await run("parse", { value: "2024-07-01 09:00", format: "yyyy-MM-dd HH:mm", timeZone: "Europe/Berlin" })).toBe(
    "2024-07-01T07:00:00.000Z",
  );
  expect(await run("parse", { value: "2024-07-01T09:00:00+02:00" })).toBe("2024-07-01T07:00:00.000Z");
  expect(await run("parse", { value: "2024-07-01T09:00:00", timeZone: "America/New_York" })).toBe("2024-07-01T13:00:00.000Z");
  await expect(run("parse", { value: "tomorrow", format: "yyyy-MM-dd" })).rejects.toThrow(/does not match/);
});

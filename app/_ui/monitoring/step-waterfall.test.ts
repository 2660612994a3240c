import { expect, test } from "vitest";
import { orderSteps, type StepRow } from "./step-waterfall";

const row = (id: number, stepKey: string, iteration: number[] | null = null): StepRow => ({
  id,
  attempt: 1,
  stepKey,
  iteration,
  status: "succeeded",
  resultSize: 0,
  // all in one millisecond, as fast steps are
  startedAt: "2026-11-28T10:00:00.000Z",
  durationMs: 0,
});

test("iterations go under their loop, not under the step after it, when everything ran within a millisecond", () => {
  // written as they finished: the iterations, then their loop, then the next step
  const rows = [row(1, "load"), row(2, "price", [0]), row(3, "price", [1]), row(4, "eachOrder"), row(5, "push")];
  expect(orderSteps(rows).map((r) => `${r.stepKey}${r.iteration ? r.iteration.join(".") : ""}`)).toEqual([
    "load",
    "eachOrder",
    "price0",
    "price1",
    "push",
  ]);
});

test("iterations of a loop still running wait at the top", () => {
  const rows = [row(1, "load"), row(2, "price", [0])];
  expect(orderSteps(rows).map((r) => r.stepKey)).toEqual(["price", "load"]);
});

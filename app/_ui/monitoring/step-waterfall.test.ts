import { expect, test } from "vitest";
import { stepNames } from "./step-names";
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

test("steps started in one millisecond go in the flow's order, the same in every run: a branch before the step inside it", () => {
  const names = stepNames([
    { key: "load", name: "Load" },
    { key: "route", name: "Route" },
    { key: "noteA", name: "Note A" },
    { key: "push", name: "Push" },
  ]);
  // written as they finished: the step inside the branch before its branch
  const written = [row(1, "load"), row(2, "noteA"), row(3, "route"), row(4, "push")];
  expect(orderSteps(written, names).map((r) => r.stepKey)).toEqual(["load", "route", "noteA", "push"]);
  expect(orderSteps([...written].reverse(), names).map((r) => r.stepKey)).toEqual(["load", "route", "noteA", "push"]);
});

test("rows in the server's order (microsecond starts) keep it where the outline does not know the steps", () => {
  const rows = [row(2, "route"), row(1, "noteA"), row(3, "push")];
  expect(orderSteps(rows).map((r) => r.stepKey)).toEqual(["route", "noteA", "push"]);
});

test("names: a known key reads as its name, an unknown one as itself", () => {
  const names = stepNames([{ key: "fetchUsers", name: "Fetch users" }]);
  expect([names.name("fetchUsers"), names.known("fetchUsers"), names.name("gone"), names.known("gone")]).toEqual([
    "Fetch users",
    true,
    "gone",
    false,
  ]);
});

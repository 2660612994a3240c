import { describe, expect, it } from "vitest";
import { definitionOf, loopStep, ref, run, step } from "./test-helpers";

function failInAction(message: string): never {
  throw new Error(message);
}

describe("a failing step", () => {
  it("stops the run; later steps do not run", async () => {
    const ran: string[] = [];
    const def = definitionOf([step("First", "test.ok"), step("Charge card", "test.fail"), step("Third", "test.ok")]);
    const outcome = await run(def, {
      actions: {
        "test.ok": (_i, inv) => void ran.push(inv.facts.stepKey),
        "test.fail": () => failInAction("card declined"),
      },
    });
    expect(ran).toEqual(["first"]);
    expect(outcome).toMatchObject({ status: "failed", stepsExecuted: 2, error: { stepKey: "chargeCard", message: "card declined" } });
    expect(outcome.stepResults).toEqual({ first: undefined });
    expect(outcome.sink.finished().map((e) => [e.stepKey, e.status, e.error?.message])).toEqual([
      ["first", "succeeded", undefined],
      ["chargeCard", "failed", "card declined"],
    ]);
  });

  it("keeps the action's own stack frames and drops the executor's", async () => {
    const outcome = await run(definitionOf([step("Fail", "test.fail")]), { actions: { "test.fail": () => failInAction("boom") } });
    const stack = outcome.error?.stack ?? "";
    expect(stack.split("\n")[0]).toBe("Error: boom");
    expect(stack).toContain("failInAction");
    expect(stack).not.toMatch(/runtime\/executor\/(execute-flow|handlers)/);
    expect(stack).not.toContain("node:internal");
  });

  it("takes the message of a non-Error throw", async () => {
    const outcome = await run(definitionOf([step("Fail", "test.fail")]), {
      actions: { "test.fail": () => Promise.reject("plain string") },
    });
    expect(outcome.error).toEqual({ stepKey: "fail", message: "plain string" });
  });

  it("inside a loop, ends the loop and the run at that item", async () => {
    const def = definitionOf([
      loopStep("Each", ref("trigger.results.body"), [step("Check", "test.check", { n: ref("each.currentItem") })]),
      step("After", "test.check"),
    ]);
    const outcome = await run(def, {
      body: [1, 2, 3],
      actions: { "test.check": ({ n }) => (n === 2 ? failInAction("two is bad") : n) },
    });
    expect(outcome).toMatchObject({ status: "failed", error: { stepKey: "check", message: "two is bad" }, stepsExecuted: 3 });
    expect(outcome.sink.finished().map((e) => [e.stepKey, e.status, e.loopPath.map((l) => l.index)])).toEqual([
      ["check", "succeeded", [0]],
      ["check", "failed", [1]],
      ["each", "failed", []],
    ]);
    expect(outcome.sink.finished("each")[0].error).toBeUndefined();
  });

  it("fails a step whose action returns no result object", async () => {
    const outcome = await run(definitionOf([step("Bad", "test.bad")]), { runner: { run: async () => undefined as never } });
    expect(outcome.error).toEqual({ stepKey: "bad", message: "the action returned no result object ({ data })" });
  });

  it("fails, when it runs, a step of an unvalidated definition with a malformed reference", async () => {
    const def = definitionOf([step("Fine", "test.ok"), step("Broken", "test.ok", { x: ref("not a reference") })]);
    const outcome = await run(def, { actions: { "test.ok": () => 1 } });
    expect(outcome).toMatchObject({ status: "failed", stepsExecuted: 2, error: { stepKey: "broken" } });
    expect(outcome.error?.message).toMatch(/a reference is <key>\.results/);
  });

  it("ends the run when the signal aborts, before the next step", async () => {
    const controller = new AbortController();
    const def = definitionOf([step("First", "test.abort"), step("Second", "test.ok")]);
    const outcome = await run(def, {
      signal: controller.signal,
      actions: { "test.abort": () => controller.abort(), "test.ok": () => failInAction("must not run") },
    });
    expect(outcome).toMatchObject({ status: "failed", error: { stepKey: "second", message: "the run was canceled" } });
  });
});

describe("the run's logs on a failing step", () => {
  it("get an ERROR line naming the step by its name, with the error", async () => {
    const def = definitionOf([step("First", "test.ok"), step("Charge card", "test.fail")]);
    const outcome = await run(def, { actions: { "test.ok": () => "ok", "test.fail": () => failInAction("card declined") } });
    expect(outcome.sink.logs().map((l) => [l.stepKey, l.level, l.message])).toEqual([
      ["chargeCard", "error", 'Step "Charge card" failed: card declined'],
    ]);
  });

  it("get a WARN line when the step's error is ignored", async () => {
    const def = definitionOf([step("Optional lookup", "test.fail", {}, { onError: { mode: "ignore" } })]);
    const outcome = await run(def, { actions: { "test.fail": () => failInAction("not found") } });
    expect(outcome.sink.logs().map((l) => [l.level, l.message])).toEqual([
      ["warn", 'Step "Optional lookup" failed; its error is ignored and the run goes on: not found'],
    ]);
  });

  it("name the failing step inside a loop once, not its loop again", async () => {
    const def = definitionOf([loopStep("Each", ref("trigger.results.body"), [step("Price", "test.fail")])]);
    const outcome = await run(def, { body: [1, 2], actions: { "test.fail": () => failInAction("no price") } });
    expect(outcome.sink.logs().map((l) => [l.stepKey, l.level, l.message])).toEqual([["price", "error", 'Step "Price" failed: no price']]);
  });
});

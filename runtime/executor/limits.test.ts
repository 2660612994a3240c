import { describe, expect, it } from "vitest";
import { definitionOf, loopStep, ref, run, step, val } from "./test-helpers";

describe("limits", () => {
  it("stops a run that executes too many steps", async () => {
    const def = definitionOf([loopStep("Each", ref("trigger.results.body"), [step("Work", "test.ok")])]);
    const outcome = await run(def, { body: [1, 2, 3, 4, 5], limits: { maxStepsExecuted: 4 }, actions: { "test.ok": () => 1 } });
    expect(outcome).toMatchObject({
      status: "failed",
      stepsExecuted: 4,
      error: { stepKey: "work", message: "the run exceeded the limit of 4 executed steps" },
    });
  });

  it("refuses a loop over more items than allowed", async () => {
    const def = definitionOf([loopStep("Each", ref("trigger.results.body"), [step("Work", "test.ok")])]);
    const outcome = await run(def, { body: [1, 2, 3], limits: { maxLoopIterations: 2 }, actions: { "test.ok": () => 1 } });
    expect(outcome).toMatchObject({
      status: "failed",
      stepsExecuted: 1,
      error: { stepKey: "each", message: "3 items exceed the limit of 2 loop iterations" },
    });
  });

  it("fails a step whose result is too large, as JSON or as bytes", async () => {
    const def = definitionOf([step("Big", "test.big")]);
    const json = await run(def, { limits: { maxResultBytes: 1000 }, actions: { "test.big": () => ({ text: "x".repeat(1000) }) } });
    expect(json).toMatchObject({
      status: "failed",
      error: { stepKey: "big", message: "the result is larger than the limit of 1000 bytes" },
    });
    const binary = await run(def, { limits: { maxResultBytes: 1000 }, actions: { "test.big": () => new Uint8Array(1001) } });
    expect(binary.status).toBe("failed");
    const fits = await run(def, { limits: { maxResultBytes: 1000 }, actions: { "test.big": () => new Uint8Array(1000) } });
    expect(fits.status).toBe("succeeded");
    expect(fits.sink.finished("big")[0].resultBytes).toBe(1000);
  });

  it("lets onError: ignore absorb a too-large result, but not a run limit", async () => {
    const big = definitionOf([step("Big", "test.big", {}, { onError: { mode: "ignore" } })]);
    const ignored = await run(big, { limits: { maxResultBytes: 10 }, actions: { "test.big": () => "x".repeat(20) } });
    expect(ignored).toMatchObject({ status: "succeeded", stepResults: { big: null } });

    const many = definitionOf([step("A", "test.ok"), step("B", "test.ok", {}, { onError: { mode: "ignore" } })]);
    const limited = await run(many, { limits: { maxStepsExecuted: 1 }, actions: { "test.ok": () => 1 } });
    expect(limited).toMatchObject({ status: "failed", error: { stepKey: "b" } });
  });

  it("uses the defaults: 100,000 steps and iterations, 10 MB results", async () => {
    const def = definitionOf([step("Big", "test.big", { size: val(10 * 1024 * 1024) })]);
    const outcome = await run(def, { actions: { "test.big": ({ size }) => new Uint8Array((size as number) + 1) } });
    expect(outcome.error?.message).toBe("the result is larger than the limit of 10485760 bytes");
  });
});

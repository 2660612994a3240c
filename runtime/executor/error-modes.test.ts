import { describe, expect, it } from "vitest";
import { definitionOf, ref, run, step } from "./test-helpers";

function flaky(failures: number) {
  let calls = 0;
  return {
    calls: () => calls,
    action: () => {
      calls++;
      if (calls <= failures) throw new Error(`failure ${calls}`);
      return `ok after ${calls}`;
    },
  };
}

describe("onError", () => {
  it("ignore: records the error, gives the step a null result and goes on", async () => {
    const def = definitionOf([
      step("Optional", "test.fail", {}, { onError: { mode: "ignore" } }),
      step("Next", "test.echo", { prev: ref("optional.results") }),
    ]);
    const outcome = await run(def, { actions: { "test.fail": () => Promise.reject(new Error("nope")), "test.echo": (i) => i } });
    expect(outcome).toMatchObject({ status: "succeeded", stepResults: { optional: null, next: { prev: null } } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.sink.finished("optional")[0]).toMatchObject({ status: "ignored", error: { message: "nope" }, result: { data: null } });
  });

  it("retry: tries again in the same run until it succeeds", async () => {
    const f = flaky(2);
    const def = definitionOf([step("Flaky", "test.flaky", {}, { onError: { mode: "retry", attempts: 3, delayMs: 0 } })]);
    const outcome = await run(def, { actions: { "test.flaky": f.action } });
    expect(outcome).toMatchObject({ status: "succeeded", result: { data: "ok after 3" }, stepsExecuted: 1 });
    expect(outcome.sink.finished("flaky")[0]).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(outcome.sink.logs().map((l) => [l.level, l.message])).toEqual([
      ["warn", "attempt 1 failed: failure 1; retrying in 0 ms"],
      ["warn", "attempt 2 failed: failure 2; retrying in 0 ms"],
    ]);
  });

  it("retry: fails the run after the last attempt", async () => {
    const f = flaky(10);
    const def = definitionOf([step("Flaky", "test.flaky", {}, { onError: { mode: "retry", attempts: 2, delayMs: 0 } })]);
    const outcome = await run(def, { actions: { "test.flaky": f.action } });
    expect(f.calls()).toBe(3);
    expect(outcome).toMatchObject({ status: "failed", error: { stepKey: "flaky", message: "failure 3" } });
  });

  it("retry: waits delayMs between attempts", async () => {
    const f = flaky(1);
    const def = definitionOf([step("Flaky", "test.flaky", {}, { onError: { mode: "retry", attempts: 1, delayMs: 40 } })]);
    const started = performance.now();
    await run(def, { actions: { "test.flaky": f.action } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it("fail (the default) ends the run", async () => {
    const def = definitionOf([step("Strict", "test.fail", {}, { onError: { mode: "fail" } }), step("Never", "test.fail")]);
    const outcome = await run(def, { actions: { "test.fail": () => Promise.reject(new Error("x")) } });
    expect(outcome).toMatchObject({ status: "failed", stepsExecuted: 1 });
  });
});

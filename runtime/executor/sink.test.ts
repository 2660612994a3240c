import { describe, expect, it } from "vitest";
import type { ExecutionSink } from "./types";
import { definitionOf, loopStep, ref, run, step } from "./test-helpers";

describe("the execution sink", () => {
  it("gets run, step and log events in order, with durations, sizes and inputs", async () => {
    const def = definitionOf([
      step("Greet", "test.greet", { name: ref("trigger.results.body.name") }),
      loopStep("Each", ref("trigger.results.body.items"), [step("Touch", "test.touch")]),
    ]);
    const outcome = await run(def, {
      body: { name: "Ada", items: [1] },
      actions: {
        "test.greet": ({ name }, inv) => {
          inv.logger.log("debug", "greeting");
          return `hi ${name}`;
        },
        "test.touch": () => null,
      },
    });
    expect(outcome.sink.events.map((e) => ("stepKey" in e ? `${e.type}:${e.stepKey}` : e.type))).toEqual([
      "runStarted",
      "stepStarted:greet",
      "log:greet",
      "stepFinished:greet",
      "stepStarted:each",
      "stepStarted:touch",
      "stepFinished:touch",
      "stepFinished:each",
      "runFinished",
    ]);
    const greet = outcome.sink.finished("greet")[0];
    expect(greet).toMatchObject({
      stepName: "Greet",
      action: "test.greet",
      status: "succeeded",
      attempts: 1,
      inputs: { name: "Ada" },
      result: { data: "hi Ada" },
      resultBytes: JSON.stringify("hi Ada").length,
      loopPath: [],
    });
    expect(greet.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("awaits an asynchronous sink before going on", async () => {
    const order: string[] = [];
    const slow = (label: string) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(label);
    };
    const sink: ExecutionSink = {
      runStarted: slow("runStarted"),
      stepStarted: slow("stepStarted"),
      stepFinished: slow("stepFinished"),
      log: slow("log"),
      runFinished: slow("runFinished"),
    };
    await run(definitionOf([step("A", "test.a")]), {
      sink: sink as never,
      actions: {
        "test.a": (_i, inv) => {
          order.push("action");
          inv.logger.log("info", "x");
        },
      },
    });
    expect(order).toEqual(["runStarted", "stepStarted", "action", "log", "stepFinished", "runFinished"]);
  });

  it("rejects when the sink fails, since the run could not be recorded", async () => {
    const sink: ExecutionSink = { stepFinished: () => Promise.reject(new Error("database down")) };
    await expect(run(definitionOf([step("A", "test.a")]), { sink: sink as never, actions: { "test.a": () => 1 } })).rejects.toThrow(
      "database down",
    );
  });

  it("works with no sink methods at all", async () => {
    const outcome = await run(definitionOf([step("A", "test.a")]), { sink: {} as never, actions: { "test.a": () => 1 } });
    expect(outcome.status).toBe("succeeded");
  });
});

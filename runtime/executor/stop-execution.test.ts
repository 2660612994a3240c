import { describe, expect, it } from "vitest";
import { definitionOf, loopStep, ref, run, step, val } from "./test-helpers";

describe("stop execution", () => {
  it("ends the run at once with a 415 response", async () => {
    const def = definitionOf([
      {
        name: "Check type",
        action: "branch.branchOnExpression",
        branches: [
          {
            name: "Not JSON",
            condition: { left: ref("trigger.results.headers.content-type"), operator: "notEqual", right: val("application/json") },
            steps: [
              step("Reject", "stopExecution.stop", {
                statusCode: val(415),
                headers: val({ "content-type": "application/json" }),
                body: val({ error: "send JSON" }),
              }),
            ],
          },
        ],
      },
      step("Process", "test.never"),
    ]);
    const outcome = await run(def, {
      runner: {
        run: async () => {
          throw new Error("must not run");
        },
      },
      trigger: { results: { headers: { "content-type": "text/csv" }, body: "a,b" } },
    });
    expect(outcome).toMatchObject({
      status: "stopped",
      result: { data: { error: "send JSON" }, statusCode: 415, headers: { "content-type": "application/json" } },
      stepsExecuted: 2,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.sink.finished().map((e) => [e.stepKey, e.status])).toEqual([
      ["reject", "stopped"],
      ["checkType", "stopped"],
    ]);
  });

  it("stops from inside a loop, skipping the remaining items and steps", async () => {
    const seen: unknown[] = [];
    const def = definitionOf([
      loopStep("Each", ref("trigger.results.body"), [
        step("Record", "test.record", { item: ref("each.currentItem") }),
        {
          name: "Is stop",
          action: "branch.branchOnValue",
          inputs: { value: ref("each.currentItem") },
          branches: [{ name: "Stop", when: "stop", steps: [step("Stop", "stopExecution.stop", { body: ref("each.index") })] }],
        },
      ]),
      step("After", "test.record", { item: val("after") }),
    ]);
    const outcome = await run(def, { body: ["a", "stop", "b"], actions: { "test.record": ({ item }) => void seen.push(item) } });
    expect(seen).toEqual(["a", "stop"]);
    expect(outcome).toMatchObject({ status: "stopped", result: { data: 1 } });
    expect(outcome.result.statusCode).toBeUndefined();
  });

  it("refuses a status code that is not an HTTP status", async () => {
    const outcome = await run(definitionOf([step("Stop", "stopExecution.stop", { statusCode: val(99) })]));
    expect(outcome).toMatchObject({
      status: "failed",
      error: { stepKey: "stop", message: "statusCode must be an HTTP status (100-599), got a number (99)" },
    });
  });
});

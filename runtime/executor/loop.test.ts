import { describe, expect, it } from "vitest";
import { codeStep, definitionOf, loopStep, ref, run, step } from "./test-helpers";

describe("loop over items", () => {
  it("posts one invoice per new order (the contract's order loop)", async () => {
    const def = definitionOf([
      step("Fetch orders", "http.get"),
      step("New orders", "processData.deduplicate", { items: ref("fetchOrders.results") }),
      loopStep("Loop over orders", ref("newOrders.results"), [
        step("Post invoice", "http.post", { body: ref("loopOverOrders.currentItem") }),
      ]),
    ]);
    const posted: unknown[] = [];
    const outcome = await run(def, {
      actions: {
        "http.get": () => [{ orderid: 125 }, { orderid: 124 }, { orderid: 123 }],
        "processData.deduplicate": ({ items }) => (items as { orderid: number }[]).filter((o) => o.orderid > 123),
        "http.post": ({ body }) => {
          posted.push(body);
          return { invoice: (body as { orderid: number }).orderid };
        },
      },
    });
    expect(posted).toEqual([{ orderid: 125 }, { orderid: 124 }]);
    expect(outcome.stepResults.loopOverOrders).toEqual([{ invoice: 125 }, { invoice: 124 }]);
    expect(outcome.result.data).toEqual([{ invoice: 125 }, { invoice: 124 }]);
  });

  it("collects the last inner step's results: Loop Over Users", async () => {
    const def = definitionOf([
      loopStep("Loop Over Users", ref("trigger.results.body.users"), [
        codeStep(
          "Log user",
          "module.exports = async ({ logger }, { loopOverUsers: { currentItem, index } }) => {\n" +
            "  logger.info(`User #${index + 1}: ${currentItem.name} - ${currentItem.email}`);\n" +
            "  return { data: index };\n};",
        ),
        codeStep(
          "Process user",
          "module.exports = async (context, { loopOverUsers: { currentItem } }) => {\n  return { data: `Processed ${currentItem.name}` };\n};",
        ),
      ]),
    ]);
    const users = [
      { name: "Bob Smith", email: "bob@example.com" },
      { name: "Sally Smith", email: "sally@example.com" },
    ];
    const outcome = await run(def, { body: { users } });
    expect(outcome.stepResults.loopOverUsers).toEqual(["Processed Bob Smith", "Processed Sally Smith"]);
    expect(outcome.sink.logs().map((l) => [l.stepKey, l.message, l.loopPath])).toEqual([
      ["logUser", "User #1: Bob Smith - bob@example.com", [{ loopKey: "loopOverUsers", index: 0 }]],
      ["logUser", "User #2: Sally Smith - sally@example.com", [{ loopKey: "loopOverUsers", index: 1 }]],
    ]);
  });

  it("reports each inner step's result per iteration, and keeps the last iteration's afterwards", async () => {
    const def = definitionOf([
      loopStep("Each", ref("trigger.results.body"), [step("Double", "test.double", { n: ref("each.currentItem") })]),
      step("After", "test.echo", { last: ref("double.results"), all: ref("each.results") }),
    ]);
    const outcome = await run(def, { body: [1, 2, 3], actions: { "test.double": ({ n }) => (n as number) * 2, "test.echo": (i) => i } });
    expect(outcome.sink.finished("double").map((e) => [e.loopPath, e.result?.data])).toEqual([
      [[{ loopKey: "each", index: 0 }], 2],
      [[{ loopKey: "each", index: 1 }], 4],
      [[{ loopKey: "each", index: 2 }], 6],
    ]);
    expect(outcome.stepResults.after).toEqual({ last: 6, all: [2, 4, 6] });
    expect(outcome.stepsExecuted).toBe(5);
  });

  it("nests, with the outer item and index in scope of the inner loop", async () => {
    const def = definitionOf([
      loopStep("Rows", ref("trigger.results.body"), [
        loopStep("Cells", ref("rows.currentItem"), [
          step("Cell", "test.cell", { row: ref("rows.index"), col: ref("cells.index"), v: ref("cells.currentItem") }),
        ]),
      ]),
    ]);
    const outcome = await run(def, { body: [["a", "b"], ["c"]], actions: { "test.cell": ({ row, col, v }) => `${row}${col}${v}` } });
    expect(outcome.stepResults.rows).toEqual([["00a", "01b"], ["10c"]]);
    expect(outcome.sink.finished("cell").at(-1)?.loopPath).toEqual([
      { loopKey: "rows", index: 1 },
      { loopKey: "cells", index: 0 },
    ]);
  });

  it("gives an empty list an empty result without running the inner steps", async () => {
    const def = definitionOf([loopStep("Each", ref("trigger.results.body"), [step("Never", "test.never")])]);
    const outcome = await run(def, { body: [], actions: {} });
    expect(outcome).toMatchObject({ status: "succeeded", stepResults: { each: [] }, result: { data: [] }, stepsExecuted: 1 });
  });

  it("fails clearly when items is not a list", async () => {
    const def = definitionOf([loopStep("Each", ref("trigger.results.body"), [step("Never", "test.never")]), step("Later", "test.never")]);
    const outcome = await run(def, { body: { a: 1 } });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toEqual({ stepKey: "each", message: "items must be a list, got an object (a)" });
    expect(outcome.stepsExecuted).toBe(1);
  });

  it("shows a code step the loop's currentItem and index in stepResults", async () => {
    const def = definitionOf([
      loopStep("Each", ref("trigger.results.body"), [
        codeStep(
          "Peek",
          "module.exports = async (ctx, stepResults) => ({ data: [stepResults.each.currentItem, stepResults.each.index, stepResults.trigger.results.body.length] });",
        ),
      ]),
    ]);
    const outcome = await run(def, { body: ["x", "y"] });
    expect(outcome.stepResults.each).toEqual([
      ["x", 0, 2],
      ["y", 1, 2],
    ]);
  });
});

describe("a loop over no items inside another loop", () => {
  it("leaves its inner steps null rather than the previous iteration's", async () => {
    const def = definitionOf([
      loopStep("Rows", ref("trigger.results.body"), [
        loopStep("Cells", ref("rows.currentItem"), [step("Cell", "test.cell", { v: ref("cells.currentItem") })]),
        step("Last cell", "test.echo", { cell: ref("cell.results") }),
      ]),
    ]);
    const outcome = await run(def, { body: [["a"], []], actions: { "test.cell": ({ v }) => v, "test.echo": ({ cell }) => cell } });
    expect(outcome.stepResults.rows).toEqual(["a", null]);
  });
});

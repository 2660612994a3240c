import { describe, expect, it } from "vitest";
import type { Step } from "../definition/schema";
import { definitionOf, list, loopStep, ref, run, step, val } from "./test-helpers";

const invoiceBranch: Step = {
  name: "Invoice direction",
  action: "branch.branchOnValue",
  inputs: { value: ref("trigger.results.body.direction") },
  branches: [
    { name: "Incoming", when: "in", steps: [step("Incoming invoice", "test.incoming")] },
    { name: "Outgoing", when: "out", steps: [step("Outgoing invoice", "test.outgoing")] },
  ],
};
const pick = step("Pick result", "selectExecutedStepResult.select", {
  stepResults: list(ref("incomingInvoice.results"), ref("outgoingInvoice.results")),
});
const actions = {
  "test.incoming": () => ({ invoice: "IN-1" }),
  "test.outgoing": () => ({ invoice: "OUT-1" }),
  "test.erp": ({ invoice }: Record<string, unknown>) => `stored ${(invoice as { invoice: string }).invoice}`,
};

describe("select executed step result", () => {
  it.each([
    ["in", { invoice: "IN-1" }],
    ["out", { invoice: "OUT-1" }],
  ])("picks the invoice of the branch that ran (%s)", async (direction, invoice) => {
    const def = definitionOf([invoiceBranch, pick, step("Insert into ERP", "test.erp", { invoice: ref("pickResult.results") })]);
    const outcome = await run(def, { body: { direction }, actions });
    expect(outcome.stepResults.pickResult).toEqual(invoice);
    expect(outcome.result.data).toBe(`stored ${invoice.invoice}`);
  });

  it("gives null when none ran", async () => {
    const outcome = await run(definitionOf([invoiceBranch, pick]), { body: { direction: "sideways" }, actions });
    expect(outcome.stepResults.pickResult).toBeNull();
  });

  it("does not pick a stale result from an earlier loop iteration", async () => {
    const def = definitionOf([
      loopStep("Each", ref("trigger.results.body"), [{ ...invoiceBranch, inputs: { value: ref("each.currentItem") } }, pick]),
    ]);
    const outcome = await run(def, { body: ["in", "out", "sideways", "in"], actions });
    expect(outcome.stepResults.each).toEqual([{ invoice: "IN-1" }, { invoice: "OUT-1" }, null, { invoice: "IN-1" }]);
  });

  it("fails when stepResults is not a list", async () => {
    const outcome = await run(definitionOf([step("Pick", "selectExecutedStepResult.select", { stepResults: val("x") })]));
    expect(outcome.error).toEqual({ stepKey: "pick", message: 'stepResults must be a list, got a string ("x")' });
  });
});

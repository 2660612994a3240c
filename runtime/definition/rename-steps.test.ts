import { describe, expect, it } from "vitest";
import { renameStep, renameSteps } from "./rename-steps";
import type { Definition } from "./schema";
import { action, integration, loop, ref, tpl, val } from "./test-builders";
import { validateDefinition } from "./validate";

function sample(): Definition {
  const def = integration(
    [
      action("Fetch orders", { url: val("https://x") }),
      action("New orders", {
        items: ref("fetchOrders.results"),
        note: tpl("got {{ fetchOrders.results.length }} from {{configVars.base}}; fetchOrders stays"),
      }),
      loop("Loop over orders", ref("newOrders.results"), [
        action("Post invoice", {
          body: ref("loopOverOrders.currentItem"),
          both: { list: [ref("fetchOrders.results[0]"), val("fetchOrders.results")] },
        }),
      ]),
      {
        name: "Check",
        action: "branch.branchOnExpression",
        branches: [
          {
            name: "Many",
            condition: { all: [{ left: ref("newOrders.results.length"), operator: "greaterThan", right: ref("fetchOrders.results.min") }] },
            steps: [],
          },
        ],
      },
      {
        name: "Format",
        action: "code.runCode",
        inputs: {
          code: val(
            "module.exports = async ({ logger }, { newOrders, fetchOrders: { length } }) => {\n" +
              "  const orders = stepResults.newOrders.results; // stepResults.newOrders\n" +
              "  const label = 'stepResults.newOrders';\n" +
              "  return { data: [orders, stepResults['fetchOrders'], other.newOrders, newOrdersTotal] };\n};\n",
          ),
        },
      },
    ],
    [{ key: "base", label: "Base", type: "string" }],
  );
  def.flows[0].execution = { retry: { maxAttempts: 1, minutesBetween: 1, cancelationKey: ref("trigger.results.body.id") } };
  return def;
}

describe("renameStep", () => {
  it("rewrites every reference: inputs, templates, lists, conditions and code", () => {
    const result = renameStep(sample(), "New orders", "Fresh orders");
    if (!result.ok) throw new Error(result.error);
    const [, fresh, loopStep, check, format] = result.definition.flows[0].steps;
    expect(fresh.name).toBe("Fresh orders");
    expect(loopStep.inputs!.items).toEqual(ref("freshOrders.results"));
    expect(check.branches![0].condition).toEqual({
      all: [{ left: ref("freshOrders.results.length"), operator: "greaterThan", right: ref("fetchOrders.results.min") }],
    });
    expect(format.inputs!.code).toEqual(
      val(
        "module.exports = async ({ logger }, { freshOrders: newOrders, fetchOrders: { length } }) => {\n" +
          "  const orders = stepResults.freshOrders.results; // stepResults.newOrders\n" +
          "  const label = 'stepResults.newOrders';\n" +
          "  return { data: [orders, stepResults['fetchOrders'], other.newOrders, newOrdersTotal] };\n};\n",
      ),
    );
    expect(validateDefinition(result.definition)).toEqual([]);
  });

  it("rewrites templates and list items but not literal values", () => {
    const result = renameStep(sample(), "Fetch orders", "Load orders");
    if (!result.ok) throw new Error(result.error);
    const [, newOrders, loopStep] = result.definition.flows[0].steps;
    expect(newOrders.inputs!.note).toEqual(tpl("got {{ loadOrders.results.length }} from {{configVars.base}}; fetchOrders stays"));
    expect(loopStep.steps![0].inputs!.both).toEqual({ list: [ref("loadOrders.results[0]"), val("fetchOrders.results")] });
    expect(validateDefinition(result.definition)).toEqual([]);
  });

  it("leaves the input definition untouched", () => {
    const def = sample();
    const before = structuredClone(def);
    renameStep(def, "Fetch orders", "Load orders");
    expect(def).toEqual(before);
  });

  it("refuses a name whose key another step has, or that gives no key", () => {
    expect(renameStep(sample(), "Fetch orders", "new Orders")).toEqual({
      ok: false,
      error: 'renaming would give "new Orders" and "New orders" the same key "newOrders"',
    });
    expect(renameStep(sample(), "Nope", "X")).toEqual({ ok: false, error: 'there is no step named "Nope"' });
    expect(renameStep(sample(), "Fetch orders", "--")).toMatchObject({ ok: false });
  });

  it("changes only the name when the key stays the same", () => {
    const result = renameStep(sample(), "Fetch orders", "Fetch Orders!");
    expect(result.ok && result.definition.flows[0].steps[1].inputs!.items).toEqual(ref("fetchOrders.results"));
  });
});

describe("renameSteps", () => {
  it("swaps two keys at once (a cycle of renames)", () => {
    const def = integration([
      action("A", {}),
      action("B", { x: ref("a.results") }),
      action("C", { x: ref("b.results"), y: tpl("{{a.results}}{{b.results}}") }),
      {
        name: "Code",
        action: "code.runCode",
        inputs: { code: val("module.exports = async (c, r) => ({ data: [r.a.results, stepResults.b.results] });") },
      },
    ]);
    // B references A, so after the swap the step now named A references the one now named B.
    const result = renameSteps(def, { A: "B", B: "A" });
    if (!result.ok) throw new Error(result.error);
    const steps = result.definition.flows[0].steps;
    expect(steps.map((s) => s.name)).toEqual(["B", "A", "C", "Code"]);
    expect(steps[1].inputs).toEqual({ x: ref("b.results") });
    expect(steps[2].inputs).toEqual({ x: ref("a.results"), y: tpl("{{b.results}}{{a.results}}") });
    expect(steps[3].inputs!.code).toEqual(val("module.exports = async (c, r) => ({ data: [r.b.results, stepResults.a.results] });"));
  });

  it("applies a three-way cycle and refuses a batch that would collide", () => {
    const def = integration([action("A"), action("B"), action("C", { x: { list: [ref("a.results"), ref("b.results")] } })]);
    const cycled = renameSteps(def, { A: "B", B: "C", C: "A" });
    expect(cycled.ok && cycled.definition.flows[0].steps[2]).toEqual(action("A", { x: { list: [ref("b.results"), ref("c.results")] } }));
    expect(renameSteps(def, { A: "X", B: "X" })).toEqual({ ok: false, error: 'renaming would give "X" and "X" the same key "x"' });
  });
});

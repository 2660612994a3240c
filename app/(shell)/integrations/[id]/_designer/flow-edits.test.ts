import { describe, expect, test } from "vitest";
import type { Definition } from "@/runtime/definition";
import { addFlow, deleteFlow, LAST_FLOW_MESSAGE, renameFlow } from "./flow-edits";

const definition = (...names: string[]): Definition =>
  ({
    definitionVersion: 1,
    name: "X",
    flows: names.map((name) => ({ name, trigger: { type: "webhook" }, steps: [] })),
  }) as unknown as Definition;
const names = (d: Definition) => d.flows.map((f) => f.name);

describe("flow edits", () => {
  test("a new flow takes the first free Flow <n> key", () => {
    expect(names(addFlow(definition("Orders")))).toEqual(["Orders", "Flow 2"]);
    expect(names(addFlow(definition("Orders", "flow-3")))).toEqual(["Orders", "flow-3", "Flow 4"]);
  });

  test("rename trims, keeps the others and refuses an empty, keyless or clashing name", () => {
    const d = definition("Orders", "Refunds");
    const r = renameFlow(d, 1, "  Refund requests ");
    expect(r.ok && names(r.definition)).toEqual(["Orders", "Refund requests"]);
    expect(names(d)).toEqual(["Orders", "Refunds"]);
    expect(renameFlow(d, 1, " ")).toEqual({ ok: false, error: "a flow needs a name" });
    expect(renameFlow(d, 1, "!!")).toEqual({ ok: false, error: "the name needs a letter or digit" });
    expect(renameFlow(d, 1, "orders")).toEqual({ ok: false, error: 'the flow "Orders" already has the key "orders"' });
    // its own key is no clash: a change of case or spacing is a rename
    const own = renameFlow(d, 0, "ORDERS");
    expect(own.ok && names(own.definition)).toEqual(["ORDERS", "Refunds"]);
  });

  test("delete removes the flow, never the last one", () => {
    const r = deleteFlow(definition("Orders", "Refunds", "Audit"), 1);
    expect(r.ok && names(r.definition)).toEqual(["Orders", "Audit"]);
    expect(deleteFlow(definition("Orders"), 0)).toEqual({ ok: false, error: LAST_FLOW_MESSAGE });
  });
});

import { describe, expect, it } from "vitest";
import { action, integration } from "./test-builders";
import { validateDefinition } from "./validate";

const messages = (def: unknown) => validateDefinition(def).map((e) => `${e.path}: ${e.message}`);

describe("unique keys", () => {
  it("refuses two steps with the same key, naming both", () => {
    const def = integration([action("Fetch orders"), action("fetch Orders")]);
    expect(messages(def)).toEqual([
      'flows[0].steps[1].name: steps "Fetch orders" (flows[0].steps[0]) and "fetch Orders" have the same key "fetchOrders"',
    ]);
  });

  it("compares keys across flows and nesting", () => {
    const def = integration([{ name: "Loop", action: "loop.loopOverItems", inputs: { items: { value: [] } }, steps: [action("Post")] }]);
    def.flows.push({ name: "Other", trigger: { type: "webhook" }, steps: [action("post")] });
    expect(messages(def)).toEqual([
      'flows[1].steps[0].name: steps "Post" (flows[0].steps[0].steps[0]) and "post" have the same key "post"',
    ]);
  });

  it("refuses names that give no key or a reserved key", () => {
    expect(messages(integration([action("???"), action("Trigger")]))).toEqual([
      'flows[0].steps[0].name: step name "???" has no letter or digit to make a key from',
      'flows[0].steps[1].name: step name "Trigger" gives the reserved key "trigger"',
    ]);
  });

  it("refuses duplicate flow keys and config variable keys", () => {
    const def = integration(
      [],
      [
        { key: "region", label: "Region", type: "string" },
        { key: "region", label: "Again", type: "string" },
      ],
    );
    def.flows.push({ name: "main", trigger: { type: "webhook" }, steps: [] });
    expect(messages(def)).toEqual([
      'configPages[0].elements[1].configVar.key: "region" is already the key of config variable "Region": keys must be unique',
      'flows[1].name: flows "Main" and "main" have the same key "main"',
    ]);
  });

  it("refuses duplicate branch names and a branch named Else", () => {
    const def = integration([
      {
        name: "Route",
        action: "branch.branchOnValue",
        inputs: { value: { value: "a" } },
        branches: [
          { name: "A", when: "a", steps: [] },
          { name: "A", when: "b", steps: [] },
          { name: "else", when: "c", steps: [] },
        ],
      },
    ]);
    expect(messages(def)).toEqual([
      'flows[0].steps[0].branches[1].name: two branches of "Route" are named "A"',
      'flows[0].steps[0].branches[2].name: "else" is reserved for the else branch',
    ]);
  });
});

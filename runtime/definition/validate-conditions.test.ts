import { describe, expect, it } from "vitest";
import type { Input, Step } from "./schema";
import { action, integration, ref, val } from "./test-builders";
import { validateDefinition } from "./validate";

const messages = (def: unknown) => validateDefinition(def).map((e) => `${e.path}: ${e.message}`);
const decide = (left: Input, right: Input): Step => ({
  name: "Decide",
  action: "branch.branchOnExpression",
  branches: [{ name: "Yes", condition: { all: [{ left, operator: "equal", right }] }, steps: [] }],
  else: [],
});

describe("branch conditions", () => {
  it("refuses a comparison whose left side is empty: it would be true on every run", () => {
    expect(messages(integration([decide(val(""), val(""))]))).toEqual([
      "flows[0].steps[0].branches[0].condition.all[0].left: the left side of the comparison is empty: choose a reference, a config variable or a value",
    ]);
  });

  it("accepts a reference compared with an empty value", () => {
    expect(messages(integration([action("First", {}), decide(ref("first.results"), val(""))]))).toEqual([]);
  });
});

/** The schema's own rules: which keys each kind of step, branch and condition takes. */
import { describe, expect, it } from "vitest";
import type { Step } from "./schema";
import { action, integration, ref, val } from "./test-builders";
import { validateDefinition } from "./validate";

const messages = (steps: unknown[]) => validateDefinition(integration(steps as Step[])).map((e) => `${e.path}: ${e.message}`);

describe("step shapes", () => {
  it("gives branch on value branches a `when` and branch on expression branches a `condition`", () => {
    expect(
      messages([
        {
          name: "V",
          action: "branch.branchOnValue",
          inputs: { value: val(1) },
          branches: [{ name: "A", steps: [], condition: { left: val(1), operator: "exists" } }],
        },
        { name: "E", action: "branch.branchOnExpression", branches: [{ name: "B", when: "x", steps: [] }] },
      ]),
    ).toEqual([
      "flows[0].steps[0].branches[0].when: required by branch.branchOnValue",
      "flows[0].steps[0].branches[0].condition: not used by branch.branchOnValue",
      "flows[0].steps[1].branches[0].condition: required by branch.branchOnExpression",
      "flows[0].steps[1].branches[0].when: not used by branch.branchOnExpression",
    ]);
  });

  it("keeps steps, branches and else to the steps that have them", () => {
    expect(
      messages([
        { ...action("A"), steps: [], else: [] },
        { name: "L", action: "loop.loopOverItems", inputs: { items: val([]) } },
      ]),
    ).toEqual([
      "flows[0].steps[0].steps: only loop.loopOverItems has steps",
      "flows[0].steps[0].else: only branch steps have else",
      "flows[0].steps[1].steps: a loop needs steps",
    ]);
  });

  it("checks conditions: operators, right sides, groups", () => {
    const withCondition = (condition: unknown) => [
      { name: "E", action: "branch.branchOnExpression", branches: [{ name: "B", condition, steps: [] }] },
    ];
    expect(messages(withCondition({ left: ref("trigger.results"), operator: "exists", right: val(1) }))).toEqual([
      "flows[0].steps[0].branches[0].condition.right: exists takes no right side",
    ]);
    expect(messages(withCondition({ all: [{ left: val(1), operator: "greaterThan" }] }))).toEqual([
      "flows[0].steps[0].branches[0].condition.all[0].right: greaterThan needs a right side",
    ]);
    expect(messages(withCondition({ any: [] }))).toEqual([
      "flows[0].steps[0].branches[0].condition.any: a group needs at least one condition",
    ]);
    expect(messages(withCondition({ left: val(1), operator: "biggerThan", right: val(2) }))[0]).toMatch(
      /^flows\[0\]\.steps\[0\]\.branches\[0\]\.condition\.operator: Invalid option: expected one of "equal"\|/,
    );
    expect(messages(withCondition({ all: [], any: [] }))).toEqual([
      "flows[0].steps[0].branches[0].condition: a condition is { all: [...] }, { any: [...] } or { left, operator, right }",
    ]);
  });

  it("takes onError on actions only, with attempts 1..10 for retries", () => {
    expect(
      messages([
        action("A", {}, { onError: { mode: "retry", attempts: 11 } }),
        action("B", {}, { onError: { mode: "ignore", attempts: 2 } }),
        { name: "S", action: "stopExecution.stop", onError: { mode: "ignore" } },
      ]),
    ).toEqual([
      "flows[0].steps[0].onError.attempts: must be a whole number from 1 to 10",
      "flows[0].steps[1].onError.attempts: only with mode: retry",
      "flows[0].steps[2].onError: the executor runs this step itself; onError is for actions",
    ]);
  });

  it("checks the action and component pin formats", () => {
    expect(
      messages([
        { name: "A", action: "http", component: "http" },
        { name: "B", action: "http.get", component: "sftp@1" },
      ]),
    ).toEqual([
      'flows[0].steps[0].action: must be "<component>.<action>"',
      'flows[0].steps[0].component: must be "<component>@<major version>", e.g. http@1',
      'flows[0].steps[1].component: does not match action "http.get"',
    ]);
  });
});

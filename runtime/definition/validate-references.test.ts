import { describe, expect, it } from "vitest";
import type { Step } from "./schema";
import { action, integration, loop, ref, tpl, val } from "./test-builders";
import { validateDefinition } from "./validate";

const messages = (def: unknown) => validateDefinition(def).map((e) => `${e.path}: ${e.message}`);
const branch = (name: string, branches: [string, Step[]][], elseSteps?: Step[]): Step => ({
  name,
  action: "branch.branchOnValue",
  inputs: { value: val("x") },
  branches: branches.map(([branchName, steps]) => ({ name: branchName, when: branchName, steps })),
  ...(elseSteps ? { else: elseSteps } : {}),
});

describe("references", () => {
  it("accepts the trigger, earlier steps and config variables", () => {
    const def = integration(
      [
        action("First", { a: ref("trigger.results.body.items[0].id") }),
        action("Second", { a: ref("first.results"), b: tpl("{{ configVars.base }}/x/{{first.results.id}}"), c: { configVar: "base" } }),
      ],
      [{ key: "base", label: "Base", type: "string" }],
    );
    expect(messages(def)).toEqual([]);
  });

  it("refuses a reference to a later step, to itself and to nothing", () => {
    const def = integration([
      action("First", { a: ref("second.results") }),
      action("Second", { a: ref("second.results"), b: ref("fetchUser.results.id") }),
    ]);
    expect(messages(def)).toEqual([
      'flows[0].steps[0].inputs.a.reference: step "Second" does not run before this point',
      'flows[0].steps[1].inputs.a.reference: step "Second" cannot reference its own results',
      'flows[0].steps[1].inputs.b.reference: unknown reference "fetchUser"',
    ]);
  });

  it("checks references inside lists, templates, conditions and the cancelation key", () => {
    const def = integration([
      action("Pick", { list: { list: [ref("a.results"), { list: [tpl("{{ b.results }}")] }] } }),
      {
        name: "Check",
        action: "branch.branchOnExpression",
        branches: [{ name: "Yes", condition: { any: [{ left: ref("c.results"), operator: "exists" }] }, steps: [] }],
      },
    ]);
    def.flows[0].execution = { retry: { maxAttempts: 2, minutesBetween: 1, cancelationKey: ref("pick.results.id") } };
    expect(messages(def)).toEqual([
      'flows[0].execution.retry.cancelationKey.reference: "pick": the cancelation key is computed before any step runs; use trigger.results',
      'flows[0].steps[0].inputs.list.list[0].reference: unknown reference "a"',
      'flows[0].steps[0].inputs.list.list[1].list[0].template: unknown reference "b"',
      'flows[0].steps[1].branches[0].condition.any[0].left.reference: unknown reference "c"',
    ]);
  });

  it("reports malformed references and templates and unknown config variables", () => {
    const def = integration([
      action("A", { a: ref("trigger.body"), b: tpl("{{ trigger.results "), c: tpl("{{ configVars.nope }}"), d: { configVar: "nope" } }),
    ]);
    expect(messages(def)).toEqual([
      'flows[0].steps[0].inputs.a.reference: "trigger.body": a reference is <key>.results.<path>, <loopKey>.currentItem.<path> or <loopKey>.index',
      'flows[0].steps[0].inputs.b.template: unclosed "{{" at character 1 of the template',
      'flows[0].steps[0].inputs.c.template: unknown config variable "nope"',
      'flows[0].steps[0].inputs.d.configVar: unknown config variable "nope"',
    ]);
  });

  it("scopes a loop's currentItem and index to the loop, and its results to after it", () => {
    const def = integration([
      loop("Loop over users", ref("trigger.results.body.users"), [
        action("Inner", { a: ref("loopOverUsers.currentItem.name"), b: ref("loopOverUsers.index"), c: ref("loopOverUsers.results") }),
      ]),
      action("After", { a: ref("loopOverUsers.results"), b: ref("inner.results"), c: ref("loopOverUsers.currentItem") }),
      action("Plain", { a: ref("after.currentItem") }),
    ]);
    expect(messages(def)).toEqual([
      'flows[0].steps[0].steps[0].inputs.c.reference: loop "Loop over users" has no results until it finishes; inside it use loopOverUsers.currentItem or loopOverUsers.index',
      'flows[0].steps[1].inputs.c.reference: "loopOverUsers.currentItem" is only available inside loop "Loop over users"',
      'flows[0].steps[2].inputs.a.reference: "after.currentItem": step "After" is not a loop',
    ]);
  });

  it("lets nested loops see the outer loop's item", () => {
    const def = integration([
      loop("Outer", ref("trigger.results.body"), [
        loop("Inner", ref("outer.currentItem.children"), [action("Leaf", { a: ref("outer.index"), b: ref("inner.currentItem") })]),
      ]),
    ]);
    expect(messages(def)).toEqual([]);
  });

  it("allows steps in branches after the branch, not in a sibling branch", () => {
    const def = integration([
      branch(
        "Route",
        [
          ["A", [action("In A")]],
          ["B", [action("In B", { a: ref("inA.results") })]],
        ],
        [action("In else")],
      ),
      action("After", { a: { list: [ref("inA.results"), ref("inB.results"), ref("inElse.results"), ref("route.results")] } }),
    ]);
    expect(messages(def)).toEqual([
      'flows[0].steps[0].branches[1].steps[0].inputs.a.reference: step "In A" does not run before this point',
    ]);
  });

  it("refuses a reference into another flow", () => {
    const def = integration([action("Here")]);
    def.flows.push({ name: "Other", trigger: { type: "webhook" }, steps: [action("There", { a: ref("here.results") })] });
    expect(messages(def)).toEqual(['flows[1].steps[0].inputs.a.reference: step "Here" is in another flow ("Main")']);
  });
});

import { describe, expect, it } from "vitest";
import type { Condition, Step } from "../definition/schema";
import { definitionOf, list, ref, run, step, val } from "./test-helpers";

const fuel = ref("checkFuel.results");
const fuelBranch: Step = {
  name: "Fuel level",
  action: "branch.branchOnExpression",
  branches: [
    {
      name: "Fuel Critical",
      condition: { all: [{ left: fuel, operator: "lessThan", right: val(50) }] },
      steps: [step("Send alert SMS", "test.sms")],
    },
    {
      name: "Fuel Warning",
      condition: { any: [{ left: fuel, operator: "lessThan", right: val(100) }] },
      steps: [step("Send warning email", "test.email")],
    },
  ],
  else: [],
};

async function fuelRun(level: unknown) {
  const def = definitionOf([step("Check fuel", "test.fuel"), fuelBranch]);
  return run(def, { actions: { "test.fuel": () => level, "test.sms": () => "sms sent", "test.email": () => "email sent" } });
}

function branchOn(condition: Condition): Step {
  return { name: "Decide", action: "branch.branchOnExpression", branches: [{ name: "Yes", condition, steps: [] }] };
}

async function decide(condition: Condition, body: unknown = {}) {
  return run(definitionOf([branchOn(condition)]), { body });
}

describe("branch on expression", () => {
  it("shows in its inputs what each branch's comparisons evaluated to, until one matched", async () => {
    const outcome = await fuelRun(75);
    const [finished] = outcome.sink.finished("fuelLevel");
    expect(finished!.inputs).toEqual({
      conditions: [
        { branch: "Fuel Critical", matched: false, comparisons: [{ left: 75, operator: "lessThan", right: 50, result: false }] },
        { branch: "Fuel Warning", matched: true, comparisons: [{ left: 75, operator: "lessThan", right: 100, result: true }] },
      ],
    });
  });

  it.each([
    [12, "Fuel Critical", "sms sent", null],
    [75, "Fuel Warning", null, "email sent"],
    [100, "Else", null, null],
    ["30", "Fuel Critical", "sms sent", null],
  ])("fuel %s → %s", async (level, branch, sms, email) => {
    const outcome = await fuelRun(level);
    expect(outcome.stepResults.fuelLevel).toBe(branch);
    expect(outcome.stepResults.sendAlertSms ?? null).toBe(sms);
    expect(outcome.stepResults.sendWarningEmail ?? null).toBe(email);
  });

  it('evaluates ((foo > 500 and bar <= 20) or ("b" in [a, b, c]))', async () => {
    const condition: Condition = {
      any: [
        {
          all: [
            { left: ref("trigger.results.body.foo"), operator: "greaterThan", right: val(500) },
            { left: ref("trigger.results.body.bar"), operator: "lessThanOrEqual", right: val(20) },
          ],
        },
        { left: ref("trigger.results.body.letter"), operator: "in", right: list(val("a"), val("b"), val("c")) },
      ],
    };
    const taken = async (body: unknown) => (await decide(condition, body)).stepResults.decide;
    expect(await taken({ foo: 501, bar: 20, letter: "z" })).toBe("Yes");
    expect(await taken({ foo: 501, bar: 21, letter: "z" })).toBe("Else");
    expect(await taken({ foo: 1, bar: 1, letter: "b" })).toBe("Yes");
    expect(await taken({ foo: 500, bar: 1, letter: "d" })).toBe("Else");
  });

  it("takes the first branch whose condition holds", async () => {
    const def = definitionOf([
      {
        name: "Decide",
        action: "branch.branchOnExpression",
        branches: [
          { name: "First", condition: { left: val(1), operator: "equal", right: val(1) }, steps: [] },
          { name: "Second", condition: { left: val(1), operator: "equal", right: val(1) }, steps: [] },
        ],
      },
    ]);
    expect((await run(def)).stepResults.decide).toBe("First");
  });

  it.each<[Condition, string]>([
    [{ left: val("abc"), operator: "equal", right: val("abc") }, "Yes"],
    [{ left: val(5), operator: "notEqual", right: val("5") }, "Else"],
    [{ left: val("2024-02-01"), operator: "greaterThanOrEqual", right: val("2024-01-31") }, "Yes"],
    [{ left: val("10"), operator: "greaterThan", right: val("9") }, "Yes"],
    [{ left: val(3), operator: "lessThan", right: val(3) }, "Else"],
    [{ left: val("d"), operator: "notIn", right: val(["a", "b"]) }, "Yes"],
    [{ left: val({ id: 1 }), operator: "in", right: val([{ id: 1 }]) }, "Yes"],
    [{ left: ref("trigger.results.body.present"), operator: "exists" }, "Yes"],
    [{ left: ref("trigger.results.body.absent"), operator: "exists" }, "Else"],
    [{ left: ref("trigger.results.body.absent"), operator: "doesNotExist" }, "Yes"],
    [{ left: ref("trigger.results.body.nothing"), operator: "doesNotExist" }, "Yes"],
  ])("%j → %s", async (condition, branch) => {
    expect((await decide(condition, { present: 0, nothing: null })).stepResults.decide).toBe(branch);
  });

  it("fails naming the step and branch when values cannot be compared", async () => {
    const def = definitionOf([
      {
        name: "Decide",
        action: "branch.branchOnExpression",
        branches: [
          { name: "Big", condition: { left: val("abc"), operator: "greaterThan", right: ref("trigger.results.body") }, steps: [] },
        ],
      },
      step("Never", "test.never"),
    ]);
    const outcome = await run(def, { body: { x: 1 } });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toEqual({
      stepKey: "decide",
      message: 'condition of branch "Big": greaterThan cannot compare a string ("abc") with an object (x)',
    });
  });

  it("fails when in/notIn get no list", async () => {
    const outcome = await decide({ left: val("b"), operator: "in", right: val("abc") });
    expect(outcome.error?.message).toBe('condition of branch "Yes": in needs a list on the right, got a string ("abc")');
  });
});

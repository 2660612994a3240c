import { draftProblems, problemsByStep } from "./draft-problems";
import { describe, expect, test } from "vitest";
import { action, integration, loop, ref } from "@/runtime/definition/test-builders";
import type { Definition } from "@/runtime/definition";
import { historyReducer, initialHistory } from "./history";
import { resultPaths } from "./result-paths";
import { insertStep, locate, moveStep, newStep, parseListId, listId, removeStep, scopeOf, stepsReferencing, uniqueName } from "./step-tree";

const def = (): Definition =>
  integration([
    action("Fetch users"),
    loop("Loop over users", ref("fetchUsers.results"), [action("Process user", { item: ref("loopOverUsers.currentItem") })]),
    { ...newStep("branch.branchOnValue", "Route"), inputs: { value: ref("fetchUsers.results") } },
    action("Done", { users: ref("fetchUsers.results") }),
  ]);

describe("step tree", () => {
  test("list ids round-trip", () => {
    for (const r of [
      { flow: 0 },
      { flow: 1, parent: "Loop" },
      { flow: 0, parent: "Route", branch: 2 },
      { flow: 0, parent: "Route", branch: "else" as const },
    ]) {
      expect(parseListId(listId(r))).toEqual(r);
    }
  });

  test("insert, move within a list and into a loop, refuse moving a loop into itself", () => {
    const d = insertStep(def(), { flow: 0 }, 1, newStep("code.runCode", "Code"));
    expect(d.flows[0]!.steps.map((s) => s.name)).toEqual(["Fetch users", "Code", "Loop over users", "Route", "Done"]);
    const down = moveStep(d, "Code", { flow: 0 }, 3)!;
    expect(down.flows[0]!.steps.map((s) => s.name)).toEqual(["Fetch users", "Loop over users", "Route", "Code", "Done"]);
    const inLoop = moveStep(d, "Code", { flow: 0, parent: "Loop over users" }, 0)!;
    expect(locate(inLoop, "Code")!.ref).toEqual({ flow: 0, parent: "Loop over users" });
    const intoBranch = moveStep(d, "Code", { flow: 0, parent: "Route", branch: 0 }, 0)!;
    expect(intoBranch.flows[0]!.steps[2]!.branches![0]!.steps[0]!.name).toBe("Code");
    expect(moveStep(d, "Loop over users", { flow: 0, parent: "Loop over users" }, 0)).toBeUndefined();
  });

  test("unique names, scope and references", () => {
    expect(uniqueName(def(), "Fetch users")).toBe("Fetch users 2");
    const scope = scopeOf(def(), "Process user").map((s) => s.base);
    expect(scope).toEqual(["trigger.results", "fetchUsers.results", "loopOverUsers.currentItem", "loopOverUsers.index"]);
    expect(scopeOf(def(), "Done").map((s) => s.base)).toContain("processUser.results");
    expect(stepsReferencing(def(), "Fetch users").sort()).toEqual(["Done", "Loop over users", "Route"]);
    expect(problemsByStep(draftProblems(removeStep(def(), "Fetch users"), () => undefined)).get("Done")?.[0]).toMatch(
      /^input "users": unknown reference "fetchUsers"/,
    );
  });

  test("history merges edits with one tag and undoes and redoes", () => {
    const a = def();
    let h = initialHistory(a);
    const b = removeStep(a, "Done");
    const c = removeStep(b, "Route");
    h = historyReducer(h, { type: "apply", next: b, tag: "x", at: 0 });
    h = historyReducer(h, { type: "apply", next: c, tag: "x", at: 100 });
    expect(h.past).toEqual([a]);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(a);
    h = historyReducer(h, { type: "redo" });
    expect(h.present).toBe(c);
  });

  test("result paths", () => {
    expect(resultPaths({ secondkey: 1, list: [{ name: "Bob" }], "a b": 2 })).toEqual([
      ".secondkey",
      ".list",
      ".list[0]",
      ".list[0].name",
      '["a b"]',
    ]);
  });
});

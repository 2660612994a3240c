import { describe, expect, it } from "vitest";
import { action, integration, ref } from "@/runtime/definition/test-builders";
import { draftProblems, problemsByStep } from "./draft-problems";

const known = (a: string) => (a === "test.noop" ? { inputs: [{ key: "a" }] } : undefined);
const texts = (def: Parameters<typeof draftProblems>[0]) => draftProblems(def, known).map((p) => p.text);

describe("draft problems, in words and where they are", () => {
  it("names an ill-shaped config variable key by its label, with the key typed", () => {
    const def = integration([action("First")], [{ key: "bad key!", label: "Shop URL", type: "string" }]);
    const [problem] = draftProblems(def, known);
    expect(problem!.place).toEqual({ kind: "configVar", key: "bad key!", label: "Shop URL", page: 0, element: 0 });
    expect(problem!.text).toBe(
      'Config variable "Shop URL", key "bad key!": must be an identifier (letters, digits, _; not starting with a digit)',
    );
  });

  it("reports duplicate config variable keys", () => {
    const def = integration(
      [action("First")],
      [
        { key: "region", label: "Region", type: "string" },
        { key: "region", label: "Other region", type: "string" },
      ],
    );
    expect(texts(def)).toEqual([
      'Config variable "Other region", key "region": "region" is already the key of config variable "Region": keys must be unique',
    ]);
  });

  it("marks an action no installed component has on its step, and a reference to nothing on the step inside a loop", () => {
    const def = integration([
      { name: "Fetch", action: "http.gett", inputs: {} },
      {
        name: "Each",
        action: "loop.loopOverItems",
        inputs: { items: ref("nothing.results") },
        steps: [action("Inner", { a: ref("gone.results") })],
      },
    ]);
    expect(texts(def)).toEqual([
      'Step "Each", input "items": unknown reference "nothing"',
      'Step "Inner", input "a": unknown reference "gone"',
      'Step "Fetch", action: no installed component has the action "http.gett": choose another step or install its component',
    ]);
    expect(problemsByStep(draftProblems(def, known)).get("Fetch")).toEqual([
      'action: no installed component has the action "http.gett": choose another step or install its component',
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { renameStepKeysInCode } from "./rename-in-code";

const rename = (code: string, map: Record<string, string> = { newOrders: "freshOrders" }) =>
  renameStepKeysInCode(code, new Map(Object.entries(map)));

describe("renameStepKeysInCode", () => {
  it("renames member access on stepResults, also optional and bracketed", () => {
    expect(
      rename(
        "a = stepResults.newOrders.results; b = stepResults?.newOrders; c = stepResults['newOrders']; d = stepResults?.[\"newOrders\"]",
      ),
    ).toBe(
      "a = stepResults.freshOrders.results; b = stepResults?.freshOrders; c = stepResults['freshOrders']; d = stepResults?.[\"freshOrders\"]",
    );
  });

  it("leaves strings, comments, regexes, other objects and longer identifiers alone", () => {
    const code = [
      "// stepResults.newOrders",
      "/* stepResults.newOrders */",
      "const s = 'stepResults.newOrders' + \"stepResults.newOrders\";",
      "const r = /stepResults.newOrders/g.test(x) ? 1 / 2 : 3;",
      "const o = foo.stepResults.newOrders + newOrdersCount + stepResults.newOrdersCount;",
    ].join("\n");
    expect(rename(code)).toBe(code);
  });

  it("renames inside template literal expressions, not their text", () => {
    expect(rename("log(`stepResults.newOrders: ${stepResults.newOrders.results.map((o) => `${o.id}`).join()}`)")).toBe(
      "log(`stepResults.newOrders: ${stepResults.freshOrders.results.map((o) => `${o.id}`).join()}`)",
    );
  });

  it("follows the name the exported function gives its second parameter", () => {
    expect(rename("module.exports = async function run(context, results) { return results.newOrders; }")).toBe(
      "module.exports = async function run(context, results) { return results.freshOrders; }",
    );
  });

  it("renames keys of the destructured second parameter, keeping local names", () => {
    expect(
      rename("module.exports = async ({ logger }, { newOrders, loopOverUsers: { currentItem, index }, other = 1 }) => newOrders", {
        newOrders: "freshOrders",
        loopOverUsers: "eachUser",
      }),
    ).toBe("module.exports = async ({ logger }, { freshOrders: newOrders, eachUser: { currentItem, index }, other = 1 }) => newOrders");
  });

  it("renames keys destructured from stepResults in the body", () => {
    expect(rename("const { newOrders: { results }, newOrders: again, ...rest } = stepResults;")).toBe(
      "const { freshOrders: { results }, freshOrders: again, ...rest } = stepResults;",
    );
    expect(rename("const { newOrders } = other;")).toBe("const { newOrders } = other;");
  });
});

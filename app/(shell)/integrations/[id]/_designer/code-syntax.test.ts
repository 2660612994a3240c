import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { javascriptSyntaxErrors } from "./code-syntax";

const errors = (doc: string) => javascriptSyntaxErrors(EditorState.create({ doc, extensions: [javascript()] }));

describe("javascriptSyntaxErrors", () => {
  it("finds nothing wrong in a code step's usual code", () => {
    expect(
      errors(`module.exports = async ({ logger }, stepResults) => {
  const user = stepResults.loopOverItems?.currentItem;
  logger.info(\`Processed \${user.name}\`);
  return { data: [1, 2, 3].map((n) => n * 2) };
};
`),
    ).toEqual([]);
  });

  it("names the line of a stray token", () => {
    const found = errors(`module.exports = async () => {\n  const x = 1 +* 2;\n  return { data: x };\n};\n`);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/^Syntax error on line 2: /);
    expect(found[0]!.to).toBeGreaterThan(found[0]!.from);
  });

  it("says the code ends too early when a brace is missing", () => {
    const found = errors(`module.exports = async () => {\n  return { data: 1 };\n`);
    expect(found.at(-1)!.message).toMatch(/ends too early/);
  });

  it("reports one error per line, at most five", () => {
    const found = errors(Array.from({ length: 8 }, () => "let = = ;").join("\n"));
    expect(found.length).toBeLessThanOrEqual(5);
    expect(new Set(found.map((d) => d.message.match(/line (\d+)/)![1])).size).toBe(found.length);
  });
});

import { describe, expect, it } from "vitest";
import { formatDefinitionError } from "./errors";
import { parseDefinitionYaml } from "./parse-yaml";

const base = `definitionVersion: 1
name: Demo
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Fetch orders
        action: http.get
        inputs:
          url: { value: https://example.com }
`;

function errorsOf(text: string, options = {}) {
  const result = parseDefinitionYaml(text, options);
  if (result.ok) throw new Error("expected errors");
  return result.errors.map(formatDefinitionError);
}

describe("parseDefinitionYaml", () => {
  it("returns the definition when everything checks out", () => {
    const result = parseDefinitionYaml(base);
    expect(result.ok && result.definition.flows[0].steps[0].name).toBe("Fetch orders");
  });

  it("gives the YAML parser's line for malformed YAML", () => {
    const result = parseDefinitionYaml("definitionVersion: 1\nname: Demo\nflows:\n\t- name: Main\n");
    expect(!result.ok && result.errors[0]).toMatchObject({ line: 4, message: "Tabs are not allowed as indentation" });
  });

  it("rejects duplicate YAML keys with their line", () => {
    const result = parseDefinitionYaml("definitionVersion: 1\nname: A\nname: B\nflows: []\n");
    expect(!result.ok && result.errors[0]).toMatchObject({ line: 3 });
  });

  it("reports an unknown key at the key's line", () => {
    const text = base.replace("        action: http.get\n", "        action: http.get\n        retries: 3\n");
    expect(errorsOf(text)).toEqual(['flows[0].steps[0].retries: unknown key "retries" (line 9)']);
  });

  it("maps a reference error to the line of the input", () => {
    const text = `${base}      - name: Post
        action: http.post
        inputs:
          url: { value: https://example.com }
          body: { reference: fetchUser.results }
`;
    expect(errorsOf(text)).toEqual(['flows[0].steps[1].inputs.body.reference: unknown reference "fetchUser" (line 15)']);
  });

  it("reports a missing required key at its parent's line", () => {
    const text = base.replace("        action: http.get\n", "");
    expect(errorsOf(text)).toEqual(["flows[0].steps[0].action: is required (line 7)"]);
  });

  it("explains a malformed input by the form its keys show", () => {
    expect(errorsOf(base.replace("{ value: https://example.com }", "{ reference: 5 }"))).toEqual([
      "flows[0].steps[0].inputs.url.reference: Invalid input: expected string, received number (line 10)",
    ]);
    expect(errorsOf(base.replace("{ value: https://example.com }", "{ value: a, reference: b }"))).toEqual([
      "flows[0].steps[0].inputs.url: an input is exactly one of { value }, { reference }, { configVar }, { template }, { list } (line 10)",
    ]);
  });

  it("rejects another format version", () => {
    expect(errorsOf(base.replace("definitionVersion: 1", "definitionVersion: 2"))).toEqual([
      "definitionVersion: unsupported definitionVersion; this Junction reads version 1 (line 1)",
    ]);
  });

  it("returns nothing of a definition with any error (nothing is half-imported)", () => {
    const result = parseDefinitionYaml(base.replace("name: Fetch orders", "name: '!!!'"));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 7 })] });
  });

  it("can check the shape alone, for drafts", () => {
    const text = base.replace("{ value: https://example.com }", "{ reference: nowhere.results }");
    expect(parseDefinitionYaml(text).ok).toBe(false);
    expect(parseDefinitionYaml(text, { shapeOnly: true }).ok).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { stepKey } from "./step-key";

describe("stepKey", () => {
  it.each([
    ["Fetch my file", "fetchMyFile"],
    ["CSV to YAML", "csvToYaml"],
    ["Loop Over Users", "loopOverUsers"],
    ["HTTP - GET", "httpGet"],
    ["getUserID", "getUserId"],
    ["XMLParser", "xmlParser"],
    ["Step 2", "step2"],
    ["Café résumé", "cafeResume"],
    ["  trailing   spaces  ", "trailingSpaces"],
  ])("%s → %s", (name, key) => expect(stepKey(name)).toBe(key));

  it("prefixes a key that would start with a digit", () => {
    expect(stepKey("2nd pass")).toBe("step2ndPass");
    expect(stepKey("42")).toBe("step42");
  });

  it("gives the empty key to a name without letters or digits", () => {
    expect(stepKey("!!!")).toBe("");
  });
});

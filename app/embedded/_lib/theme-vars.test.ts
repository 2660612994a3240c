import { expect, test } from "vitest";
import { DEFAULT_THEME } from "@/app/_server/services/embedding/theme";
import { mergeTheme, textOn, themeVariables } from "./theme-vars";

test("the host page's overrides win over the organization's theme, which wins over the defaults", () => {
  const org = { ...DEFAULT_THEME, primary: "#0f766e", radius: "4px" };
  expect(mergeTheme(org, { radius: "12px" })).toEqual({ ...DEFAULT_THEME, primary: "#0f766e", radius: "12px" });
  expect(mergeTheme(undefined, {})).toEqual(DEFAULT_THEME);
  expect(themeVariables(DEFAULT_THEME)).toMatchObject({ "--junction-primary": "#4f46e5", "--junction-font": DEFAULT_THEME.fontFamily });
});

test("text on the primary color is whichever of white and near-black reads better", () => {
  expect(textOn("#4f46e5")).toBe("#ffffff"); // the default indigo
  expect(textOn("#0f766e")).toBe("#ffffff");
  expect(textOn("#22d3ee")).toBe("#0f172a"); // a light cyan of a dark theme
  expect(textOn("#fde047")).toBe("#0f172a");
  expect(textOn("#fff")).toBe("#0f172a");
  expect(textOn("rebeccapurple")).toBe("#ffffff");
});

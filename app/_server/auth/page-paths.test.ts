import { describe, expect, test } from "vitest";
import { homePathFor, safeNextPath, signInPath } from "./page-paths";

describe("where sign-in goes next", () => {
  test("a path on this site is kept, with its query", () => {
    expect(safeNextPath("/integrations/abc?tab=yaml")).toBe("/integrations/abc?tab=yaml");
    expect(signInPath("/integrations/abc")).toBe("/sign-in?next=%2Fintegrations%2Fabc");
  });

  test.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/%0d%0aLocation:x".replace("%0d%0a", "\r\n"),
    "javascript:alert(1)",
    "evil",
    "",
  ])("never another site or a scheme: %j", (next) => {
    expect(safeNextPath(next)).toBeNull();
    expect(signInPath(next)).toBe("/sign-in");
  });

  test("nor the sign-in or setup page itself, nor `/` (each user's start page is decided after sign-in)", () => {
    expect(safeNextPath("/sign-in?next=/x")).toBeNull();
    expect(safeNextPath("/setup")).toBeNull();
    expect(signInPath("/")).toBe("/sign-in");
  });

  test("each role's start page", () => {
    expect(homePathFor("customer")).toBe("/instances");
    expect(homePathFor("customer_viewer")).toBe("/instances");
    expect(homePathFor("builder")).toBe("/integrations");
  });
});

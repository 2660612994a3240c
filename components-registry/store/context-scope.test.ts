import { expect, test } from "vitest";
import { contextScopeOf } from "./context-scope";

test("built-ins (code included) share contexts per instance; uploaded packages get one per execution", () => {
  expect(contextScopeOf({ key: "http", builtIn: true })).toBe("instance");
  expect(contextScopeOf({ key: "code", builtIn: true })).toBe("instance");
  expect(contextScopeOf({ key: "http", builtIn: false })).toBe("execution");
});

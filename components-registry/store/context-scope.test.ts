import { expect, test } from "vitest";
import { contextScopeOf } from "./context-scope";

test("built-ins (code included) share contexts per customer; uploaded packages get one per execution", () => {
  expect(contextScopeOf({ key: "http", builtIn: true })).toBe("customer");
  expect(contextScopeOf({ key: "code", builtIn: true })).toBe("customer");
  expect(contextScopeOf({ key: "http", builtIn: false })).toBe("execution");
});

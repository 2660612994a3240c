import { expect, test } from "vitest";
import { contextScopeOf } from "./context-scope";

test("built-ins share contexts per instance, except code (the integration's own code) and uploaded packages", () => {
  expect(contextScopeOf({ key: "http", builtIn: true })).toBe("instance");
  expect(contextScopeOf({ key: "persistData", builtIn: true })).toBe("instance");
  expect(contextScopeOf({ key: "code", builtIn: true })).toBe("execution");
  expect(contextScopeOf({ key: "http", builtIn: false })).toBe("execution");
});

import { afterAll, beforeAll, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation, memoryState } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(["persistData"]);
});
afterAll(() => runner.close());

test("save, get, list operations, remove and current time, per scope", async () => {
  const state = memoryState();
  const run = async (action: string, inputs: Record<string, unknown>) =>
    (await runner.run(invocation("persistData", action, inputs, { state }))).data;

  expect(await run("getValue", { key: "cursor" })).toBeNull();
  expect(await run("saveValue", { key: "cursor", value: { page: 2 } })).toEqual({ page: 2 });
  expect(await run("getValue", { key: "cursor" })).toEqual({ page: 2 });
  expect(await run("getValue", { key: "cursor", scope: "instance" })).toBeNull();
  expect(state.values.get("flow:cursor")).toEqual({ page: 2 });

  expect(await run("appendToList", { key: "seen", value: "a", scope: "instance" })).toEqual(["a"]);
  expect(await run("appendToList", { key: "seen", value: { id: 1, n: "x" }, scope: "instance" })).toEqual(["a", { id: 1, n: "x" }]);
  expect(await run("appendToList", { key: "seen", value: "a", scope: "instance" })).toHaveLength(3);
  expect(await run("removeFromList", { key: "seen", value: { n: "x", id: 1 }, scope: "instance" })).toEqual(["a", "a"]);
  expect(await run("removeFromList", { key: "seen", value: "a", scope: "instance" })).toEqual([]);
  await expect(run("appendToList", { key: "cursor", value: 1 })).rejects.toThrow('The value stored under "cursor" is not a list');

  expect(await run("removeValue", { key: "cursor" })).toBeNull();
  expect(await run("getValue", { key: "cursor" })).toBeNull();

  const saved = (await run("saveCurrentTime", { key: "lastRun" })) as string;
  expect(Math.abs(Date.parse(saved) - Date.now())).toBeLessThan(5000);
  expect(await run("getValue", { key: "lastRun" })).toBe(saved);

  await expect(run("getValue", { key: "x", scope: "global" })).rejects.toThrow(/expected one of "flow", "instance"/);
});

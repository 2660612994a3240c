import { afterAll, beforeAll, expect, test } from "vitest";
import { builtinRunner } from "@/components-registry/test-support/builtin-runner";
import { invocation, memoryState } from "@/components-registry/test-support/invocation";
import type { SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(["processData"]);
});
afterAll(() => runner.close());

test("deduplicate returns only items newer than the last run's newest, per step", async () => {
  const state = memoryState();
  const run = async (items: unknown[], stepKey = "newOrders") => {
    const inv = invocation("processData", "deduplicate", { items, idField: "orderid" }, { state });
    inv.facts.stepKey = stepKey;
    return (await runner.run(inv)).data;
  };
  const o = (id: number) => ({ orderid: id, total: id * 10 });

  expect(await run([o(3), o(2), o(1)])).toEqual([o(3), o(2), o(1)]);
  expect(await run([o(5), o(4), o(3), o(2)])).toEqual([o(5), o(4)]);
  expect(await run([o(5), o(4)])).toEqual([]);
  expect(await run([])).toEqual([]);
  expect(await run([o(6), o(5)])).toEqual([o(6)]);
  // another step keeps its own memory
  expect(await run([o(6), o(5)], "otherStep")).toEqual([o(6), o(5)]);
  await expect(run([{ nope: 1 }])).rejects.toThrow('Item 0 has no "orderid"');
  await expect(runner.run(invocation("processData", "deduplicate", { items: "[1", idField: "id" }))).rejects.toThrow(/not valid JSON/);
});

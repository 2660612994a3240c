import { afterAll, beforeAll, expect, test } from "vitest";
import { preparePackage } from "../packages/prepare-package";
import { builtinDir, builtinRunner } from "../test-support/builtin-runner";
import { invocation } from "../test-support/invocation";
import type { SandboxRunner } from "../sandbox/sandbox-runner";

const STRUCTURAL = {
  branch: ["branchOnValue", "branchOnExpression"],
  loop: ["loopOverItems"],
  selectExecutedStepResult: ["select"],
  stopExecution: ["stop"],
};

let runner: SandboxRunner;
beforeAll(async () => {
  runner = await builtinRunner(Object.keys(STRUCTURAL));
});
afterAll(() => runner.close());

test("structural components have manifests with structural actions and the contract's input keys", async () => {
  for (const [key, actions] of Object.entries(STRUCTURAL)) {
    const { manifest } = await preparePackage({ path: builtinDir(key) });
    expect(Object.keys(manifest.actions)).toEqual(actions);
    for (const a of actions) expect(manifest.actions[a].structural).toBe(true);
  }
  const { manifest: stop } = await preparePackage({ path: builtinDir("stopExecution") });
  expect(stop.actions.stop.inputs.map((i) => i.key)).toEqual(["statusCode", "headers", "body"]);
});

test("the sandbox refuses to run a structural action", async () => {
  await expect(runner.run(invocation("loop", "loopOverItems", { items: [] }))).rejects.toThrow(/structural action: the executor runs it/);
});

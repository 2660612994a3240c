import { describe, expect, it } from "vitest";
import type { Step } from "../definition/schema";
import { cfg, definitionOf, ref, run, step, val } from "./test-helpers";

const fileStore = {
  key: "fileStore",
  label: "File store",
  type: "picklist" as const,
  options: ["aws", "azure", "dropbox"],
  default: "aws",
};

const saveFile: Step = {
  name: "Route by store",
  action: "branch.branchOnValue",
  inputs: { value: cfg("fileStore") },
  branches: [
    { name: "AWS", when: "aws", steps: [step("Save to S3", "aws.putObject")] },
    { name: "Azure", when: "azure", steps: [step("Save to Azure Files", "azure.upload")] },
    { name: "Dropbox", when: "dropbox", steps: [step("Save to Dropbox", "dropbox.upload")] },
  ],
  else: [step("Save nowhere", "test.noop")],
};

const actions = {
  "aws.putObject": () => "s3://bucket/file",
  "azure.upload": () => "azure://share/file",
  "dropbox.upload": () => "dropbox://file",
  "test.noop": () => "nothing",
  "test.echo": (inputs: Record<string, unknown>) => inputs,
};

describe("branch on value", () => {
  it.each([
    ["aws", "AWS", "saveToS3", "s3://bucket/file"],
    ["azure", "Azure", "saveToAzureFiles", "azure://share/file"],
    ["dropbox", "Dropbox", "saveToDropbox", "dropbox://file"],
    ["gcs", "Else", "saveNowhere", "nothing"],
  ])("fileStore %s takes the %s branch", async (store, branch, stepKey, saved) => {
    const def = definitionOf(
      [saveFile, step("After", "test.echo", { branch: ref("routeByStore.results"), s3: ref("saveToS3.results") })],
      [fileStore],
    );
    const outcome = await run(def, { configVars: { fileStore: store }, actions });
    expect(outcome.status).toBe("succeeded");
    expect(outcome.stepResults.routeByStore).toBe(branch);
    expect(outcome.stepResults[stepKey]).toBe(saved);
    // Steps of the branches not taken are null; branches converge on the next step.
    const others = ["saveToS3", "saveToAzureFiles", "saveToDropbox", "saveNowhere"].filter((k) => k !== stepKey);
    for (const key of others) expect(outcome.stepResults[key]).toBeNull();
    expect(outcome.stepResults.after).toEqual({ branch, s3: store === "aws" ? saved : null });
  });

  it("uses the picklist default when the instance has no value", async () => {
    const outcome = await run(definitionOf([saveFile], [fileStore]), { actions });
    expect(outcome.stepResults.routeByStore).toBe("AWS");
  });

  it("matches numbers and numeric strings, and deep-equal objects", async () => {
    const def = definitionOf([
      {
        name: "Route",
        action: "branch.branchOnValue",
        inputs: { value: ref("trigger.results.body.v") },
        branches: [
          { name: "Object", when: { a: [1, 2] }, steps: [] },
          { name: "Forty-two", when: 42, steps: [] },
          { name: "Yes", when: true, steps: [] },
        ],
      },
    ]);
    const taken = async (v: unknown) => (await run(def, { body: { v } })).stepResults.route;
    expect(await taken("42")).toBe("Forty-two");
    expect(await taken(42)).toBe("Forty-two");
    expect(await taken({ a: [1, 2] })).toBe("Object");
    expect(await taken("true")).toBe("Yes");
    expect(await taken(43)).toBe("Else");
  });

  it("makes the last step of the taken branch the run's result", async () => {
    const def = definitionOf([{ ...saveFile, inputs: { value: val("azure") } }], [fileStore]);
    const outcome = await run(def, { actions });
    expect(outcome.result.data).toBe("azure://share/file");
  });

  it("with an empty branch, leaves the branch name as the run's result", async () => {
    const def = definitionOf([
      { name: "Route", action: "branch.branchOnValue", inputs: { value: val("x") }, branches: [{ name: "X", when: "x", steps: [] }] },
    ]);
    expect((await run(def)).result.data).toBe("X");
  });
});

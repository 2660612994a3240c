/** Component triggers in the definition: shape, config variables, and the installed manifests at publish. */
import { describe, expect, it } from "vitest";
import type { TriggerManifest } from "@/components-registry/contract";
import { parseDefinitionYaml, serializeDefinitionYaml } from "@/runtime/definition";
import type { TriggerLookup } from "@/runtime/definition/validate-triggers";

const newObjects: TriggerManifest = {
  key: "newObjects",
  label: "New objects",
  kind: "polling",
  inputs: [
    { key: "connection", label: "Connection", type: "credential", connection: "accessKey", required: true },
    { key: "bucket", label: "Bucket", type: "string", required: true },
    { key: "prefix", label: "Prefix", type: "string" },
  ],
};
const issueCreated: TriggerManifest = { key: "issueCreated", label: "Issue created", kind: "webhook", inputs: [] };
const seen: (string | undefined)[] = [];
const triggers: TriggerLookup = (component, trigger, version) => {
  seen.push(version);
  if (component === "amazonS3" && trigger === "newObjects") return newObjects;
  if (component === "tracker" && trigger === "issueCreated") return issueCreated;
  return undefined;
};

const yaml = (trigger: string, extra = "") => `definitionVersion: 1
name: Triggers
configPages:
  - name: Setup
    elements:
      - configVar: { key: s3, label: S3, type: credential, credentialType: apiKey }
      - configVar: { key: every, label: Every, type: schedule }
      - configVar: { key: bucketName, label: Bucket, type: string }
flows:
  - name: New files
    trigger: ${trigger}
    steps:
      - name: Code
        action: code.runCode
        inputs: { code: { value: "module.exports = async (c, s) => ({ data: s.trigger.results.body })" } }
${extra}`;

const errors = (text: string, mode: "draft" | "publish" = "publish") => {
  const r = parseDefinitionYaml(text, { mode, triggers });
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe("component triggers in the definition", () => {
  const s3 = `{ type: component, component: amazonS3, trigger: newObjects, inputs: { connection: { configVar: s3 }, bucket: { value: incoming } }, schedule: { every: 1, unit: minutes } }`;

  it("accepts a polling trigger with a fixed or config-variable schedule, and keeps it through YAML", () => {
    expect(errors(yaml(s3))).toEqual([]);
    expect(errors(yaml(s3.replace("{ every: 1, unit: minutes }", "{ configVar: every }")))).toEqual([]);
    const parsed = parseDefinitionYaml(yaml(s3), { mode: "publish", triggers });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = parseDefinitionYaml(serializeDefinitionYaml(parsed.definition));
    expect(again.ok && again.definition.flows[0].trigger).toEqual(parsed.definition.flows[0].trigger);
  });

  it("needs a schedule for a polling trigger and refuses one for a webhook-style trigger", () => {
    expect(errors(yaml(s3.replace(", schedule: { every: 1, unit: minutes }", "")))).toEqual([
      'flows[0].trigger.schedule: "amazonS3.newObjects" is a polling trigger: it needs a schedule ({ every, unit }, { cron } or { configVar })',
    ]);
    expect(errors(yaml("{ type: component, component: tracker, trigger: issueCreated }"))).toEqual([]);
    expect(errors(yaml("{ type: component, component: tracker, trigger: issueCreated, schedule: { every: 5, unit: minutes } }"))).toEqual([
      `flows[0].trigger.schedule: "tracker.issueCreated" is a webhook-style trigger: calls arrive at the flow's webhook URL, it takes no schedule`,
    ]);
  });

  it("checks the inputs against the trigger's manifest, and names unknown triggers and components", () => {
    const bad = `{ type: component, component: amazonS3, trigger: newObjects, inputs: { connection: { value: { accessKeyId: a } }, bucket: { value: "" }, region: { value: x } }, schedule: { every: 1, unit: minutes } }`;
    expect(errors(yaml(bad))).toEqual([
      'flows[0].trigger.inputs.region: unknown input "region" for trigger amazonS3.newObjects; it takes connection, bucket, prefix',
      'flows[0].trigger.inputs.bucket: required input "bucket" of trigger amazonS3.newObjects is not set',
      'flows[0].trigger.inputs.connection: input "connection" of trigger amazonS3.newObjects is a credential: give it a credential config variable ({ configVar: key })',
    ]);
    expect(errors(yaml(s3.replace("trigger: newObjects", "trigger: newObject")))).toEqual([
      'flows[0].trigger.trigger: trigger "amazonS3.newObject" is not installed',
    ]);
    expect(errors(yaml(s3.replace("component: amazonS3", "component: amazonS4@2")))).toEqual([
      'flows[0].trigger.trigger: trigger "amazonS4.newObjects" is not installed (version 2)',
    ]);
  });

  it("takes only values and config variables as inputs, and checks the config variables", () => {
    const refs = `{ type: component, component: amazonS3, trigger: newObjects, inputs: { connection: { configVar: nope }, bucket: { reference: trigger.results.body }, prefix: { configVar: bucketName } }, schedule: { configVar: bucketName } }`;
    expect(errors(yaml(refs), "draft")).toEqual([
      'flows[0].trigger.inputs.connection.configVar: unknown config variable "nope"',
      "flows[0].trigger.inputs.bucket: a trigger's inputs are { value }, { configVar } or { list }: no step has run when it runs",
      'flows[0].trigger.schedule.configVar: config variable "bucketName" is a string, not a schedule',
    ]);
  });

  it("checks the shape: a component trigger names its component and trigger", () => {
    expect(errors(yaml("{ type: component, component: 'amazon S3', trigger: newObjects }"), "draft")).toEqual([
      'flows[0].trigger.component: must be "<component>" or "<component>@<major version>"',
    ]);
    expect(errors(yaml("{ type: component, component: amazonS3 }"), "draft")[0]).toMatch(/^flows\[0\]\.trigger\.trigger: /);
  });

  it("uses componentVersions' exact version, else the major pin", () => {
    seen.length = 0;
    errors(yaml(s3.replace("component: amazonS3", "component: amazonS3@1")));
    errors(yaml(s3, "componentVersions: { amazonS3: 1.2.3 }\n"));
    expect(seen).toEqual(["1", "1.2.3"]);
  });
});

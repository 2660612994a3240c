import { describe, expect, it } from "vitest";
import type { ActionManifest, ManifestLookup } from "@/components-registry/contract";
import type { Step } from "./schema";
import { integration, val } from "./test-builders";
import { validateDefinition, type ValidateOptions } from "./validate";

const httpGet: ActionManifest = {
  key: "get",
  label: "GET",
  inputs: [
    { key: "url", label: "URL", type: "string", required: true },
    { key: "responseType", label: "Response type", type: "picklist", options: ["auto", "json", "text", "binary"] },
    { key: "auth", label: "Auth", type: "credential" },
  ],
};
const seen: { component: string; action: string; version?: string }[] = [];
const manifests: ManifestLookup = (component, action, version) => {
  seen.push({ component, action, version });
  return component === "http" && action === "get" ? httpGet : undefined;
};
const messages = (steps: Step[], options: ValidateOptions, componentVersions?: Record<string, string>) =>
  validateDefinition({ ...integration(steps), ...(componentVersions ? { componentVersions } : {}) }, options).map(
    (e) => `${e.path}: ${e.message}`,
  );

describe("actions in publish mode", () => {
  const steps: Step[] = [
    { name: "Get", action: "http.get", inputs: { url: val(""), retries: val(3), responseType: val("xml") } },
    { name: "Missing", action: "ftp.list" },
  ];

  it("checks installed actions, unknown and required inputs and picklist values", () => {
    expect(messages(steps, { mode: "publish", manifests })).toEqual([
      'flows[0].steps[0].inputs.retries: unknown input "retries" for http.get; it takes url, responseType, auth',
      'flows[0].steps[0].inputs.url: required input "url" of http.get is not set',
      'flows[0].steps[0].inputs.responseType.value: "xml" is not one of auto, json, text, binary',
      'flows[0].steps[1].action: action "ftp.list" is not installed',
    ]);
  });

  it("refuses a literal credential (a password in the definition); a credential config variable is fine", () => {
    const withAuth = (auth: Step["inputs"] extends infer I ? (I extends Record<string, infer V> ? V : never) : never): Step[] => [
      { name: "Get", action: "http.get", inputs: { url: val("https://api.example.com"), auth } },
    ];
    expect(messages(withAuth(val({ username: "u", password: "hunter2" })), { mode: "publish", manifests })).toEqual([
      'flows[0].steps[0].inputs.auth: input "auth" of http.get is a credential: give it a credential config variable ({ configVar: key }) so the secret is stored encrypted, per instance',
    ]);
    // (the test integration declares no variables: only that check speaks)
    expect(messages(withAuth({ configVar: "login" }), { mode: "publish", manifests })).toEqual([
      'flows[0].steps[0].inputs.auth.configVar: unknown config variable "login"',
    ]);
  });

  it("leaves installed components alone in draft mode", () => {
    expect(messages(steps, { mode: "draft", manifests })).toEqual([]);
  });

  it("asks for the pinned or published version", () => {
    seen.length = 0;
    messages([{ name: "Get", action: "http.get", component: "http@1", inputs: { url: val("u") } }], { mode: "publish", manifests });
    messages(
      [{ name: "Get", action: "http.get", component: "http@1", inputs: { url: val("u") } }],
      { mode: "publish", manifests },
      { http: "1.4.2" },
    );
    expect(seen.map((s) => s.version)).toEqual(["1", "1.4.2"]);
  });
});

describe("structural actions (every mode)", () => {
  it("know their own inputs", () => {
    expect(
      messages(
        [
          { name: "Loop", action: "loop.loopOverItems", inputs: { list: val([]) }, steps: [] },
          { name: "Stop", action: "stopExecution.stop", inputs: { status: val(415) } },
        ],
        {},
      ),
    ).toEqual([
      'flows[0].steps[0].inputs.list: unknown input "list" for loop.loopOverItems; it takes items',
      'flows[0].steps[0].inputs.items: required input "items" of loop.loopOverItems is not set',
      'flows[0].steps[1].inputs.status: unknown input "status" for stopExecution.stop; it takes statusCode, headers, body',
    ]);
  });
});

describe("component pins", () => {
  it("use one version of each component", () => {
    const steps: Step[] = [
      { name: "A", action: "http.get", component: "http@1", inputs: {} },
      { name: "B", action: "http.post", component: "http@2", inputs: {} },
    ];
    expect(messages(steps, {})).toEqual([
      "flows[0].steps[1].component: http is pinned to both @1 and @2; an integration uses one version of each component",
    ]);
    expect(messages(steps.slice(0, 1), {}, { http: "2.0.0" })).toEqual([
      "flows[0].steps[0].component: pinned to @1 but componentVersions.http is 2.0.0",
    ]);
  });
});

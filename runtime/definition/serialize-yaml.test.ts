import { describe, expect, it } from "vitest";
import { parseDefinitionYaml } from "./parse-yaml";
import type { Definition } from "./schema";
import { serializeDefinitionYaml } from "./serialize-yaml";
import { validateDefinition } from "./validate";

/** Uses every part of the format, in an order other than the contract's. */
const rich: Definition = {
  flows: [
    {
      steps: [
        {
          inputs: { items: { reference: "trigger.results.body.users" } },
          steps: [
            {
              onError: { delayMs: 0, attempts: 2, mode: "retry" },
              inputs: {
                code: {
                  value:
                    "module.exports = async (context, { loopOverUsers: { currentItem } }) => {\n  return { data: `Processed ${currentItem.name}` };\n};\n",
                },
              },
              action: "code.runCode",
              name: "Greet",
            },
          ],
          action: "loop.loopOverItems",
          name: "Loop over users",
        },
        {
          branches: [
            {
              steps: [],
              condition: {
                any: [
                  { all: [{ right: { value: 500 }, operator: "greaterThan", left: { reference: "trigger.results.body.foo" } }] },
                  { operator: "in", left: { value: "b" }, right: { list: [{ value: "a" }, { value: "b" }, { value: "c" }] } },
                  { operator: "exists", left: { template: "{{ configVars.region }}-x" } },
                ],
              },
              name: "Big",
            },
          ],
          action: "branch.branchOnExpression",
          name: "Decide",
          else: [{ name: "Stop", action: "stopExecution.stop", inputs: { statusCode: { value: 415 }, body: { value: null } } }],
        },
      ],
      execution: {
        retry: {
          cancelationKey: { reference: "trigger.results.headers.x-id" },
          exponentialBackoff: true,
          minutesBetween: 4,
          maxAttempts: 3,
        },
        synchronous: true,
      },
      trigger: { type: "webhook" },
      name: "Main",
    },
    { steps: [], trigger: { schedule: { timezone: "America/Chicago", cron: "*/5 8-16 * * 1-5" }, type: "schedule" }, name: "Nightly" },
    {
      steps: [],
      trigger: { schedule: { timezone: "Europe/Berlin", at: "09:00", weekday: "monday", unit: "weeks", every: 1 }, type: "schedule" },
      name: "Weekly",
    },
  ],
  componentVersions: { code: "1.2.3" },
  configPages: [
    {
      elements: [
        { header: "Where" },
        { configVar: { options: ["eu", "us"], default: "eu", type: "picklist", label: "Region", key: "region" } },
        { configVar: { credentialType: "basic", type: "credential", label: "Login", key: "login" } },
        { configVar: { default: { unit: "hours", every: 2 }, type: "schedule", label: "When", key: "when" } },
        { configVar: { default: "yes", description: "a: {string} that looks like YAML", type: "string", label: "Odd", key: "odd" } },
      ],
      name: "Page",
    },
  ],
  labels: ["a", "b"],
  description: "Everything at once",
  name: "Rich",
  definitionVersion: 1,
};

describe("serializeDefinitionYaml", () => {
  it("is valid itself", () => {
    expect(validateDefinition(rich)).toEqual([]);
  });

  it("round-trips: parse(serialize(x)) deep-equals x and serializing again changes nothing", () => {
    const yaml = serializeDefinitionYaml(rich);
    const parsed = parseDefinitionYaml(yaml);
    expect(parsed).toEqual({ ok: true, definition: rich });
    expect(parsed.ok && serializeDefinitionYaml(parsed.definition)).toBe(yaml);
  });

  it("writes keys in the contract's order and small inputs in flow style", () => {
    const yaml = serializeDefinitionYaml(rich);
    expect(yaml.startsWith("definitionVersion: 1\nname: Rich\ndescription: Everything at once\nlabels: [ a, b ]\n")).toBe(true);
    expect(yaml).toContain(
      "      - name: Loop over users\n        action: loop.loopOverItems\n        inputs:\n          items: { reference: trigger.results.body.users }\n",
    );
    expect(yaml).toContain("onError: { mode: retry, attempts: 2, delayMs: 0 }");
    expect(yaml).toContain("code:\n                value: |\n");
    expect(yaml).toContain("schedule: { every: 1, unit: weeks, weekday: monday, at: 09:00, timezone: Europe/Berlin }");
    expect(yaml.trimEnd().endsWith("componentVersions:\n  code: 1.2.3")).toBe(true);
  });
});

/**
 * The example in shared/design/integration-definition.md, copied verbatim into a fixture. Its
 * "Pick result" step names incomingInvoice/outgoingInvoice, which the example never defines: the
 * shape is valid, and validation reports exactly those two references. With the two invoice steps
 * added to the fuel branches the document validates clean.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDefinitionError } from "./errors";
import { parseDefinitionYaml } from "./parse-yaml";
import { serializeDefinitionYaml } from "./serialize-yaml";

const example = readFileSync(new URL("./fixtures/contract-example.yml", import.meta.url), "utf8");

describe("the contract's example", () => {
  it("has a valid shape and round-trips", () => {
    const first = parseDefinitionYaml(example, { shapeOnly: true });
    if (!first.ok) throw new Error(first.errors.map(formatDefinitionError).join("\n"));
    const yaml = serializeDefinitionYaml(first.definition);
    const second = parseDefinitionYaml(yaml, { shapeOnly: true });
    expect(second).toEqual(first);
    expect(second.ok && serializeDefinitionYaml(second.definition)).toBe(yaml);
  });

  it("fails validation on exactly the two undefined invoice steps", () => {
    const result = parseDefinitionYaml(example);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatDefinitionError)).toEqual([
      'flows[0].steps[5].inputs.stepResults.list[0].reference: unknown reference "incomingInvoice" (line 113)',
      'flows[0].steps[5].inputs.stepResults.list[1].reference: unknown reference "outgoingInvoice" (line 113)',
    ]);
  });

  it("validates clean once the invoice steps exist in the branches", () => {
    const corrected = example
      .replace(
        "              all:                      # and; `any` is or; groups nest\n                - left: { reference: fetchOrders.results.fuel }\n                  operator: lessThan\n                  right: { value: 50 }\n            steps: []",
        "              all:\n                - left: { reference: fetchOrders.results.fuel }\n                  operator: lessThan\n                  right: { value: 50 }\n            steps:\n              - name: Incoming invoice\n                action: http.get\n                inputs: { url: { value: https://erp.example.com/in } }",
      )
      .replace(
        "                - { left: { reference: fetchOrders.results.fuel }, operator: lessThan, right: { value: 100 } }\n            steps: []",
        "                - { left: { reference: fetchOrders.results.fuel }, operator: lessThan, right: { value: 100 } }\n            steps:\n              - name: Outgoing invoice\n                action: http.get\n                inputs: { url: { value: https://erp.example.com/out } }",
      );
    expect(corrected).not.toBe(example);
    const result = parseDefinitionYaml(corrected);
    expect(result.ok ? [] : result.errors.map(formatDefinitionError)).toEqual([]);
  });
});

/** Each step's action and inputs: structural actions always, installed components in publish mode. */
import type { ManifestLookup } from "../../components-registry/contract.js";
import { componentVersionFor } from "./component-version.js";
import type { Report } from "./errors.js";
import type { Definition, Input } from "./schema.js";
import { splitAction, structuralAction } from "./structural-actions.js";
import { allSteps } from "./walk.js";

function isUnset(input: Input | undefined): boolean {
  return input === undefined || ("value" in input && (input.value === null || input.value === ""));
}

function checkInputKeys(
  inputs: Record<string, Input>,
  declared: { key: string; required?: boolean }[],
  action: string,
  path: (string | number)[],
  report: Report,
): void {
  const keys = declared.map((d) => d.key);
  for (const name of Object.keys(inputs)) {
    if (!keys.includes(name)) {
      const takes = keys.length === 0 ? "it takes no inputs" : `it takes ${keys.join(", ")}`;
      report([...path, "inputs", name], `unknown input "${name}" for ${action}; ${takes}`);
    }
  }
  for (const input of declared) {
    if (input.required && isUnset(inputs[input.key])) {
      report([...path, "inputs", input.key], `required input "${input.key}" of ${action} is not set`);
    }
  }
}

export function checkActions(
  definition: Definition,
  options: { mode: "draft" | "publish"; manifests?: ManifestLookup },
  report: Report,
): void {
  const pins = new Map<string, string>();
  for (const { step, path } of allSteps(definition)) {
    const inputs = step.inputs ?? {};
    const structural = structuralAction(step.action);
    if (structural) {
      const declared = Object.entries(structural.inputs).map(([key, { required }]) => ({ key, required }));
      checkInputKeys(inputs, declared, step.action, path, report);
      continue;
    }
    const { component, action } = splitAction(step.action);
    const major = step.component?.split("@")[1];
    if (major !== undefined) {
      const exact = definition.componentVersions?.[component];
      const other = pins.get(component);
      if (other !== undefined && other !== major) {
        report([...path, "component"], `${component} is pinned to both @${other} and @${major}; an integration uses one version of each component`);
      } else if (exact !== undefined && exact.split(".")[0] !== major) {
        report([...path, "component"], `pinned to @${major} but componentVersions.${component} is ${exact}`);
      }
      pins.set(component, major);
    }
    if (options.mode !== "publish" || !options.manifests) continue;
    const version = componentVersionFor(definition, step);
    const manifest = options.manifests(component, action, version);
    if (!manifest) {
      const at = version === undefined ? "" : ` (version ${version})`;
      report([...path, "action"], `action "${step.action}" is not installed${at}`);
      continue;
    }
    checkInputKeys(inputs, manifest.inputs, step.action, path, report);
    for (const declared of manifest.inputs) {
      const input = inputs[declared.key];
      if (declared.type !== "picklist" || !declared.options || !input || !("value" in input) || isUnset(input)) continue;
      if (!declared.options.includes(String(input.value))) {
        report([...path, "inputs", declared.key, "value"], `"${String(input.value)}" is not one of ${declared.options.join(", ")}`);
      }
    }
  }
}

/** Each step's action and inputs: structural actions always, installed components in publish mode. */
import type { ManifestLookup } from "@/components-registry/contract";
import { componentVersionFor } from "./component-version";
import type { Report } from "./errors";
import type { PathSegment } from "./reference";
import type { Definition, Input, Step } from "./schema";
import { splitAction, structuralAction } from "./structural-actions";
import { allSteps } from "./walk";

export function isUnset(input: Input | undefined): boolean {
  return input === undefined || ("value" in input && (input.value === null || input.value === ""));
}

export function checkInputKeys(
  inputs: Record<string, Input>,
  declared: { key: string; required?: boolean }[],
  action: string,
  path: PathSegment[],
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

/** One version per component: major pins agree with each other and with componentVersions. */
function checkPin(definition: Definition, step: Step, path: PathSegment[], pins: Map<string, string>, report: Report): void {
  const major = step.component?.split("@")[1];
  if (major === undefined) return;
  const { component } = splitAction(step.action);
  const exact = definition.componentVersions?.[component];
  const other = pins.get(component);
  if (other === undefined) pins.set(component, major);
  if (other !== undefined && other !== major) {
    const why = "an integration uses one version of each component";
    report([...path, "component"], `${component} is pinned to both @${other} and @${major}; ${why}`);
  } else if (exact !== undefined && exact.split(".")[0] !== major) {
    report([...path, "component"], `pinned to @${major} but componentVersions.${component} is ${exact}`);
  }
}

function checkAgainstManifest(definition: Definition, step: Step, path: PathSegment[], manifests: ManifestLookup, report: Report): void {
  const { component, action } = splitAction(step.action);
  const version = componentVersionFor(definition, step);
  const manifest = manifests(component, action, version);
  if (!manifest) {
    const at = version === undefined ? "" : ` (version ${version})`;
    report([...path, "action"], `action "${step.action}" is not installed${at}`);
    return;
  }
  const inputs = step.inputs ?? {};
  checkInputKeys(inputs, manifest.inputs, step.action, path, report);
  for (const declared of manifest.inputs) {
    const input = inputs[declared.key];
    if (declared.type === "credential" && input && "value" in input && !isUnset(input)) {
      // a literal would keep the password in every version of the definition, readable by every builder
      const why = "give it a credential config variable ({ configVar: key }) so the secret is stored encrypted, per instance";
      report([...path, "inputs", declared.key], `input "${declared.key}" of ${step.action} is a credential: ${why}`);
      continue;
    }
    if (declared.type !== "picklist" || !declared.options || !input || !("value" in input) || isUnset(input)) continue;
    if (!declared.options.includes(String(input.value))) {
      const at = [...path, "inputs", declared.key, "value"];
      report(at, `"${String(input.value)}" is not one of ${declared.options.join(", ")}`);
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
    const structural = structuralAction(step.action);
    if (structural) {
      const declared = Object.entries(structural.inputs).map(([key, { required }]) => ({ key, required }));
      checkInputKeys(step.inputs ?? {}, declared, step.action, path, report);
      continue;
    }
    checkPin(definition, step, path, pins, report);
    if (options.mode === "publish" && options.manifests) {
      checkAgainstManifest(definition, step, path, options.manifests, report);
    }
  }
}

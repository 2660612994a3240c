/**
 * Component triggers (`trigger: { type: component, component, trigger, inputs, schedule }`): their
 * inputs take only values and config variables (no step has run yet), a schedule's config variable
 * must be a schedule; against the installed manifests (publish mode) the trigger must exist, a
 * polling one needs a schedule, a webhook-style one takes none, and the inputs are checked as an
 * action's are.
 */
import type { TriggerManifest } from "@/components-registry/contract";
import type { Report } from "./errors";
import type { PathSegment } from "./reference";
import type { ComponentTrigger, Definition, Input } from "./schema";
import { checkInputKeys, isUnset } from "./validate-actions";
import type { ConfigVarEntry } from "./validate-keys";

/** Finds a trigger's manifest, for validation. Undefined when not installed. */
export type TriggerLookup = (component: string, trigger: string, version?: string) => TriggerManifest | undefined;

/** the version of a trigger's component to use: componentVersions' exact one, else its major pin */
export function triggerComponentVersion(definition: Definition, trigger: ComponentTrigger): { component: string; version?: string } {
  const [component, major] = trigger.component.split("@");
  return { component, version: definition.componentVersions?.[component] ?? major };
}

function checkInputSources(input: Input, path: PathSegment[], vars: Map<string, ConfigVarEntry>, report: Report): void {
  if ("list" in input) return input.list.forEach((item, i) => checkInputSources(item, [...path, "list", i], vars, report));
  if ("configVar" in input) {
    if (!vars.has(input.configVar)) report([...path, "configVar"], `unknown config variable "${input.configVar}"`);
    return;
  }
  if (!("value" in input)) report(path, "a trigger's inputs are { value }, { configVar } or { list }: no step has run when it runs");
}

export function checkComponentTriggers(
  definition: Definition,
  vars: Map<string, ConfigVarEntry>,
  options: { triggers?: TriggerLookup },
  report: Report,
): void {
  definition.flows.forEach((flow, f) => {
    const trigger = flow.trigger;
    if (trigger.type !== "component") return;
    const path: PathSegment[] = ["flows", f, "trigger"];
    for (const [name, input] of Object.entries(trigger.inputs ?? {})) checkInputSources(input, [...path, "inputs", name], vars, report);
    if (trigger.schedule && "configVar" in trigger.schedule) {
      const entry = vars.get(trigger.schedule.configVar);
      const at = [...path, "schedule", "configVar"];
      if (!entry) report(at, `unknown config variable "${trigger.schedule.configVar}"`);
      else if (entry.configVar.type !== "schedule")
        report(at, `config variable "${entry.configVar.key}" is a ${entry.configVar.type}, not a schedule`);
    }
    if (!options.triggers) return;
    const { component, version } = triggerComponentVersion(definition, trigger);
    const name = `${component}.${trigger.trigger}`;
    const manifest = options.triggers(component, trigger.trigger, version);
    if (!manifest) {
      const at = version === undefined ? "" : ` (version ${version})`;
      report([...path, "trigger"], `trigger "${name}" is not installed${at}`);
      return;
    }
    if (manifest.kind === "polling" && !trigger.schedule) {
      report([...path, "schedule"], `"${name}" is a polling trigger: it needs a schedule ({ every, unit }, { cron } or { configVar })`);
    }
    if (manifest.kind === "webhook" && trigger.schedule) {
      report([...path, "schedule"], `"${name}" is a webhook-style trigger: calls arrive at the flow's webhook URL, it takes no schedule`);
    }
    const inputs = trigger.inputs ?? {};
    checkInputKeys(inputs, manifest.inputs, `trigger ${name}`, path, report);
    for (const declared of manifest.inputs) {
      const input = inputs[declared.key];
      if (declared.type === "credential" && input && "value" in input && !isUnset(input)) {
        report(
          [...path, "inputs", declared.key],
          `input "${declared.key}" of trigger ${name} is a credential: give it a credential config variable ({ configVar: key })`,
        );
      }
    }
  });
}

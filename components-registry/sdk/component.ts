/**
 * Declaring a component: `export default component({ key, label, description, actions })`.
 * The value carries its manifest (what the registry stores and the designer shows) and `invoke`,
 * which the sandbox calls to run one action with raw inputs.
 */
import type {
  ActionManifest,
  ActionResult,
  ComponentManifest,
  ConnectionManifest,
  InputManifest,
  TriggerManifest,
  TriggerPhase,
} from "../contract";
import type { ActionDefinition } from "./action";
import type { ConnectionDefinition } from "./connection";
import { cleanInputs, InputError } from "./clean-inputs";
import type { ActionContext } from "./context";
import type { InputSpec } from "./input";
import { TRIGGER_KIND, type TriggerDefinition } from "./trigger";

export interface ComponentSpec {
  key: string;
  label: string;
  description?: string;
  category?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action keeps its own input types
  actions: Record<string, ActionDefinition<any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each trigger keeps its own input types
  triggers?: Record<string, TriggerDefinition<any>>;
  /** the accounts the actions sign in with (`connection({ … })`) */
  connections?: readonly ConnectionDefinition[];
}

export const COMPONENT_KIND = "junction.component";

export interface ComponentDefinition<S extends ComponentSpec = ComponentSpec> {
  kind: typeof COMPONENT_KIND;
  /** bumped only if `manifest`/`invoke` change shape; the sandbox reads it */
  sdkVersion: 1;
  spec: S;
  /** the manifest without `version`, which comes from package.json */
  manifest: Omit<ComponentManifest, "version">;
  invoke(actionKey: string, context: ActionContext, rawInputs: Record<string, unknown>): Promise<ActionResult>;
  /** runs one phase of a trigger (the sandbox calls it; see trigger.ts) */
  invokeTrigger?(request: TriggerRequest, context: ActionContext): Promise<unknown>;
}

export interface TriggerRequest {
  trigger: string;
  phase: TriggerPhase;
  inputs: Record<string, unknown>;
  cursor?: unknown;
  items?: unknown[];
  subscription?: unknown;
}

const KEY = /^[a-z][a-zA-Z0-9]*$/;

export function component<const S extends ComponentSpec>(spec: S): ComponentDefinition<S> {
  if (!spec || !KEY.test(String(spec.key))) {
    throw new Error(`component(): key must be lowerCamelCase letters and digits, got ${JSON.stringify(spec?.key)}`);
  }
  const manifest = toManifest(spec);
  return {
    kind: COMPONENT_KIND,
    sdkVersion: 1,
    spec,
    manifest,
    invoke: (actionKey, context, rawInputs) => __junctionInvoke(spec, actionKey, context, rawInputs),
    invokeTrigger: (request, context) => __junctionInvokeTrigger(spec, request, context),
  };
}

function inputManifests(inputs: Record<string, InputSpec> | undefined): InputManifest[] {
  return (Object.entries(inputs ?? {}) as [string, InputSpec][]).map(([inputKey, i]) =>
    dropUndefined({
      key: inputKey,
      label: i.label,
      type: i.type,
      required: i.required ? true : undefined,
      default: i.default,
      description: i.description,
      options: i.options ? [...i.options] : undefined,
      language: i.language,
      connection: i.connection?.manifest.key,
    }),
  );
}

function triggersOf(spec: ComponentSpec): Record<string, TriggerManifest> | undefined {
  const entries = Object.entries(spec.triggers ?? {});
  if (entries.length === 0) return undefined;
  const out: Record<string, TriggerManifest> = {};
  for (const [key, def] of entries) {
    if (!KEY.test(key)) throw new Error(`component "${spec.key}": trigger key "${key}" must be lowerCamelCase`);
    if (def?.kind !== TRIGGER_KIND)
      throw new Error(`component "${spec.key}": trigger "${key}" must be pollingTrigger({ … }) or webhookTrigger({ … })`);
    out[key] = dropUndefined({ key, label: def.label, description: def.description, kind: def.type, inputs: inputManifests(def.inputs) });
  }
  return out;
}

function toManifest(spec: ComponentSpec): Omit<ComponentManifest, "version"> {
  const actions: Record<string, ActionManifest> = {};
  for (const [key, def] of Object.entries(spec.actions ?? {})) {
    if (!KEY.test(key)) throw new Error(`component "${spec.key}": action key "${key}" must be lowerCamelCase`);
    const inputs = inputManifests(def.inputs);
    actions[key] = dropUndefined({
      key,
      label: def.label,
      description: def.description,
      inputs,
      structural: def.structural ? true : undefined,
      readsStepResults: def.readsStepResults ? true : undefined,
    });
  }
  const triggers = triggersOf(spec);
  if (Object.keys(actions).length === 0 && !triggers) throw new Error(`component "${spec.key}" has no actions and no triggers`);
  return dropUndefined({
    key: spec.key,
    label: spec.label,
    description: spec.description,
    category: spec.category,
    actions,
    connections: connectionsOf(spec, { ...actions, ...triggers }),
    triggers,
  });
}

function connectionsOf(
  spec: ComponentSpec,
  actions: Record<string, { key: string; inputs: InputManifest[] }>,
): Record<string, ConnectionManifest> | undefined {
  const out: Record<string, ConnectionManifest> = {};
  for (const c of spec.connections ?? []) {
    if (c?.kind !== "junction.connection") throw new Error(`component "${spec.key}": connections takes connection({ … }) values`);
    if (out[c.manifest.key]) throw new Error(`component "${spec.key}": two connections have the key "${c.manifest.key}"`);
    out[c.manifest.key] = c.manifest;
  }
  for (const a of Object.values(actions)) {
    for (const i of a.inputs) {
      if (i.connection && !out[i.connection]) {
        throw new Error(
          `component "${spec.key}": input "${a.key}.${i.key}" takes connection "${i.connection}", which is not in connections`,
        );
      }
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Named so the sandbox can cut the stack here: frames below this one are SDK and sandbox
 * plumbing, not the action's own code.
 */
async function __junctionInvoke(
  spec: ComponentSpec,
  actionKey: string,
  context: ActionContext,
  rawInputs: Record<string, unknown>,
): Promise<ActionResult> {
  const def = Object.prototype.hasOwnProperty.call(spec.actions, actionKey) ? spec.actions[actionKey] : undefined;
  if (!def) throw new InputError(`Component "${spec.key}" has no action "${actionKey}"`);
  if (def.structural || !def.perform) {
    throw new InputError(`"${spec.key}.${actionKey}" is a structural action: the executor runs it`);
  }
  const inputs = cleanInputs(def.inputs ?? {}, rawInputs);
  const result = await def.perform(context, inputs);
  if (typeof result !== "object" || result === null || !("data" in result)) {
    throw new Error(`Action "${spec.key}.${actionKey}" must return { data }, got ${result === null ? "null" : typeof result}`);
  }
  return result;
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Named as the action's entry is, so the sandbox cuts the stack here too. */
async function __junctionInvokeTrigger(spec: ComponentSpec, request: TriggerRequest, context: ActionContext): Promise<unknown> {
  const key = request.trigger;
  const def = spec.triggers && Object.prototype.hasOwnProperty.call(spec.triggers, key) ? spec.triggers[key] : undefined;
  if (!def) throw new InputError(`Component "${spec.key}" has no trigger "${key}"`);
  const inputs = cleanInputs(def.inputs ?? {}, request.inputs);
  if (def.type === "polling") {
    if (request.phase === "poll") {
      const result = await def.poll(context, inputs, request.cursor);
      if (typeof result !== "object" || result === null || !Array.isArray(result.items)) {
        throw new Error(`Trigger "${spec.key}.${key}" must return { items: [...], cursor } from poll`);
      }
      return { items: result.items, cursor: result.cursor };
    }
    if (request.phase === "acknowledge") return void (await def.acknowledge?.(context, inputs, request.items ?? []));
  } else {
    if (request.phase === "deploy") return (await def.onInstanceDeploy?.(context, inputs)) ?? null;
    if (request.phase === "delete") return void (await def.onInstanceDelete?.(context, inputs, request.subscription));
  }
  throw new InputError(`Trigger "${spec.key}.${key}" is a ${def.type} trigger: it has no ${request.phase} phase`);
}

/**
 * Declaring a component: `export default component({ key, label, description, actions })`.
 * The value carries its manifest (what the registry stores and the designer shows) and `invoke`,
 * which the sandbox calls to run one action with raw inputs.
 */
import type { ActionManifest, ActionResult, ComponentManifest, ConnectionManifest, InputManifest } from "../contract";
import type { ActionDefinition } from "./action";
import type { ConnectionDefinition } from "./connection";
import { cleanInputs, InputError } from "./clean-inputs";
import type { ActionContext } from "./context";
import type { InputSpec } from "./input";

export interface ComponentSpec {
  key: string;
  label: string;
  description?: string;
  category?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action keeps its own input types
  actions: Record<string, ActionDefinition<any>>;
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
  };
}

function toManifest(spec: ComponentSpec): Omit<ComponentManifest, "version"> {
  const actions: Record<string, ActionManifest> = {};
  for (const [key, def] of Object.entries(spec.actions ?? {})) {
    if (!KEY.test(key)) throw new Error(`component "${spec.key}": action key "${key}" must be lowerCamelCase`);
    const inputs: InputManifest[] = (Object.entries(def.inputs ?? {}) as [string, InputSpec][]).map(([inputKey, i]) =>
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
    actions[key] = dropUndefined({
      key,
      label: def.label,
      description: def.description,
      inputs,
      structural: def.structural ? true : undefined,
      readsStepResults: def.readsStepResults ? true : undefined,
    });
  }
  if (Object.keys(actions).length === 0) throw new Error(`component "${spec.key}" has no actions`);
  return dropUndefined({
    key: spec.key,
    label: spec.label,
    description: spec.description,
    category: spec.category,
    actions,
    connections: connectionsOf(spec, actions),
  });
}

function connectionsOf(spec: ComponentSpec, actions: Record<string, ActionManifest>): Record<string, ConnectionManifest> | undefined {
  if (!spec.connections?.length) return undefined;
  const out: Record<string, ConnectionManifest> = {};
  for (const c of spec.connections) {
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
  return out;
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

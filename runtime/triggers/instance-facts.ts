/**
 * What running a trigger for an instance flow needs: the instance's published definition, its
 * config values with credentials decrypted, its customer and webhook URLs, and the trigger's
 * inputs resolved from the config (a trigger runs before any step, so its inputs are values and
 * config variables only — see runtime/definition/validate-triggers.ts).
 */
import type pg from "pg";
import type { RunFacts } from "@/components-registry/contract";
import { flowKey, type ComponentTrigger, type Definition, type Flow, type Input } from "../definition";
import { triggerComponentVersion } from "../definition/validate-triggers";
import { webhookUrl } from "../config/public-url";
import { versionDefinition } from "../executions/store";
import { decryptJson } from "../security/secret-box";

export interface InstanceFacts {
  instanceId: string;
  instanceName: string;
  enabled: boolean;
  integrationId: string;
  versionId: string;
  customer: { id: string; name: string; externalId: string | null };
  definition: Definition;
  /** plain values and decrypted credentials */
  configVars: Record<string, unknown>;
  /** the plain values only: what an uploaded component is shown besides its inputs */
  plainConfigVars: Record<string, unknown>;
  webhookUrls: Record<string, string>;
}

export async function readInstanceFacts(db: pg.Pool | pg.PoolClient, instanceId: string): Promise<InstanceFacts | null> {
  const r = await db.query(
    `select i.id, i.name, i.enabled, i.integration_id, i.version_id, i.config_values, i.credentials,
            c.id as customer_id, c.name as customer_name, c.external_id,
            (select json_object_agg(f.flow_key, f.webhook_token) from instance_flows f where f.instance_id = i.id) as tokens
       from instances i join customers c on c.id = i.customer_id
      where i.id = $1`,
    [instanceId],
  );
  const row = r.rows[0];
  if (!row) return null;
  const plain = (row.config_values ?? {}) as Record<string, unknown>;
  const sealed = row.credentials ? decryptJson<Record<string, unknown>>(row.credentials) : {};
  const tokens = (row.tokens ?? {}) as Record<string, string>;
  return {
    instanceId: row.id,
    instanceName: row.name,
    enabled: row.enabled,
    integrationId: row.integration_id,
    versionId: row.version_id,
    customer: { id: row.customer_id, name: row.customer_name, externalId: row.external_id },
    definition: await versionDefinition(db, row.version_id),
    configVars: { ...plain, ...sealed },
    plainConfigVars: plain,
    webhookUrls: Object.fromEntries(Object.entries(tokens).map(([flow, token]) => [flow, webhookUrl(token)])),
  };
}

export interface FlowTrigger {
  flow: Flow;
  trigger: ComponentTrigger;
  component: string;
  version?: string;
}

/** the flow's component trigger, or undefined when the flow (no longer) has one */
export function flowTrigger(definition: Definition, key: string): FlowTrigger | undefined {
  const flow = definition.flows.find((f) => flowKey(f.name) === key);
  if (!flow || flow.trigger.type !== "component") return undefined;
  return { flow, trigger: flow.trigger, ...triggerComponentVersion(definition, flow.trigger) };
}

function resolve(input: Input, configVars: Record<string, unknown>): unknown {
  if ("value" in input) return input.value;
  if ("configVar" in input) return configVars[input.configVar];
  if ("list" in input) return input.list.map((i) => resolve(i, configVars));
  throw new Error("a trigger's inputs are { value }, { configVar } or { list }");
}

export function triggerInputs(trigger: ComponentTrigger, configVars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(trigger.inputs ?? {}).map(([k, input]) => [k, resolve(input, configVars)]));
}

export function triggerFacts(facts: InstanceFacts, ft: FlowTrigger, executionId: string): RunFacts {
  return {
    executionId,
    flow: { key: flowKey(ft.flow.name), name: ft.flow.name },
    stepKey: "trigger",
    instance: { id: facts.instanceId, name: facts.instanceName },
    customer: facts.customer,
    configVars: facts.configVars,
    webhookUrls: facts.webhookUrls,
    isTest: false,
  };
}

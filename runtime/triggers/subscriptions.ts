/**
 * Webhook-style component triggers' hooks: `onInstanceDeploy` when an instance comes to use the
 * trigger (deploy, or an upgrade to a version whose flow has it), `onInstanceDelete` when it stops
 * (the instance is deleted, or its flow no longer has that trigger). The deploy hook's result is
 * kept in trigger_cursors as the subscription state and given to the delete hook; the row also
 * records which version subscribed, so the delete hook runs with that version's inputs (resolved
 * with the instance's current config).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ActionRunner, ComponentManifest } from "@/components-registry/contract";
import { versionDefinition } from "../executions/store";
import { resolveConnections } from "../oauth2/run-connections";
import { noState } from "./no-state";
import { flowTrigger, readInstanceFacts, triggerFacts, triggerInputs, type FlowTrigger, type InstanceFacts } from "./instance-facts";

export class TriggerHookError extends Error {}

interface Subscribed {
  flowKey: string;
  /** `<versionId>:<component>.<trigger>` */
  subscribedTrigger: string;
  subscription: unknown;
}

const triggerName = (ft: FlowTrigger) => `${ft.component}.${ft.trigger.trigger}`;

async function manifestOf(pool: pg.Pool, component: string, version: string | undefined): Promise<ComponentManifest | undefined> {
  const r = await pool.query(
    `select v.manifest from component_versions v join component_packages p on p.id = v.package_id
      where p.key = $1 and ($2::text is null or v.version = $2 or v.major::text = $2)
      order by v.installed_at desc limit 1`,
    [component, version ?? null],
  );
  return r.rows[0]?.manifest;
}

/** the instance's flows whose trigger is a webhook-style component trigger */
async function webhookTriggers(pool: pg.Pool, facts: InstanceFacts): Promise<Map<string, FlowTrigger>> {
  const out = new Map<string, FlowTrigger>();
  for (const [flowKey] of Object.entries(facts.webhookUrls)) {
    const ft = flowTrigger(facts.definition, flowKey);
    if (!ft) continue;
    const manifest = await manifestOf(pool, ft.component, ft.version);
    if (manifest?.triggers?.[ft.trigger.trigger]?.kind === "webhook") out.set(flowKey, ft);
  }
  return out;
}

async function runHook(runner: ActionRunner, facts: InstanceFacts, ft: FlowTrigger, phase: "deploy" | "delete", subscription?: unknown) {
  if (!runner.runTrigger) throw new TriggerHookError("this process's runner runs no triggers");
  const executionId = randomUUID();
  try {
    return await runner.runTrigger({
      component: ft.component,
      version: ft.version,
      trigger: ft.trigger.trigger,
      phase,
      inputs: triggerInputs(ft.trigger, facts.configVars),
      facts: triggerFacts(facts, ft, executionId),
      configVarsWithoutCredentials: facts.plainConfigVars,
      logger: { log: () => {} },
      state: noState,
      subscription,
    });
  } finally {
    await runner.endExecution?.(executionId);
  }
}

/**
 * Brings the instance's subscriptions in line with its current version: unsubscribes flows whose
 * trigger went away or changed, subscribes flows that have none. A failing deploy hook throws a
 * TriggerHookError naming the flow and trigger (the subscriptions made before it stay, recorded).
 * `removing`: the instance is about to be deleted — every subscription is ended (failures logged).
 */
export async function syncSubscriptions(
  pool: pg.Pool,
  runnerOrLazy: ActionRunner | { lazy: () => ActionRunner },
  instanceId: string,
  removing = false,
): Promise<void> {
  const existing = (
    await pool.query(
      `select flow_key as "flowKey", subscribed_trigger as "subscribedTrigger", subscription
         from trigger_cursors where instance_id = $1 and subscribed_trigger is not null`,
      [instanceId],
    )
  ).rows as Subscribed[];
  const facts = await readInstanceFacts(pool, instanceId);
  if (!facts || (existing.length === 0 && !facts.definition.flows.some((f) => f.trigger.type === "component"))) return;
  const wanted = removing ? new Map<string, FlowTrigger>() : await webhookTriggers(pool, facts);
  if (existing.length === 0 && wanted.size === 0) return;
  // OAuth 2.0 connections' config values become fresh access tokens, as for a run
  await resolveConnections(pool, facts.definition, facts.configVars);
  const runner = "lazy" in runnerOrLazy ? runnerOrLazy.lazy() : runnerOrLazy;

  for (const sub of existing) {
    const want = wanted.get(sub.flowKey);
    const [versionId, name] = splitSubscribed(sub.subscribedTrigger);
    if (want && triggerName(want) === name) {
      wanted.delete(sub.flowKey); // still subscribed: an upgrade keeps the subscription
      if (versionId !== facts.versionId) await record(pool, instanceId, sub.flowKey, `${facts.versionId}:${name}`, sub.subscription);
      continue;
    }
    const old = flowTrigger(await versionDefinition(pool, versionId).catch(() => facts.definition), sub.flowKey);
    try {
      if (old && triggerName(old) === name) await runHook(runner, facts, old, "delete", sub.subscription);
    } catch (err) {
      console.error(`[triggers] instance ${instanceId} flow ${sub.flowKey}: ${name} onInstanceDelete failed: ${(err as Error).message}`);
    }
    await record(pool, instanceId, sub.flowKey, null, null);
  }

  for (const [flowKey, ft] of wanted) {
    let state: unknown;
    try {
      state = await runHook(runner, facts, ft, "deploy");
    } catch (err) {
      throw new TriggerHookError(
        `Flow "${ft.flow.name}": ${triggerName(ft)} could not subscribe (onInstanceDeploy): ${(err as Error).message}`,
      );
    }
    await record(pool, instanceId, flowKey, `${facts.versionId}:${triggerName(ft)}`, state ?? null);
  }
}

function splitSubscribed(value: string): [string, string] {
  const i = value.indexOf(":");
  return [value.slice(0, i), value.slice(i + 1)];
}

async function record(pool: pg.Pool, instanceId: string, flowKey: string, subscribedTrigger: string | null, subscription: unknown) {
  await pool.query(
    `insert into trigger_cursors (instance_id, flow_key, subscribed_trigger, subscription) values ($1, $2, $3, $4)
     on conflict (instance_id, flow_key) do update set subscribed_trigger = excluded.subscribed_trigger,
       subscription = excluded.subscription, updated_at = now()`,
    [instanceId, flowKey, subscribedTrigger, JSON.stringify(subscription)],
  );
}

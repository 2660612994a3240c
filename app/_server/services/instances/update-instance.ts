import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instanceFlows, instances } from "@/db/schema";
import { flowSchedules, newWebhookToken } from "@/runtime/config/instance-flows";
import type { Definition } from "@/runtime/definition";
import { cancelWaitingRunsSql } from "@/runtime/executions/store";
import { notFound, ServiceError } from "../errors";
import { applyTriggerHooks } from "@/runtime/triggers/hook-runner";
import { TriggerHookError } from "@/runtime/triggers/subscriptions";
import { getVersion } from "../integrations/get-integration";
import { bindConnections, checkConnectionValues } from "../connections/check-connection-values";
import { applyPresets } from "../marketplace/apply-presets";
import { needsEndpointSecrets, newEndpointSecrets } from "./endpoint-secrets";
import { connectionLookupFor } from "../components/connection-lookup";
import { prepareConfig } from "./instance-config";
import { notifyInstanceChanged } from "./write-instance";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { instanceUpdateEntry } from "../audit/instance-entries";

export interface UpdateInstanceInput {
  id: string;
  name?: string;
  /** a version number, or "latest"; values carry over, new required ones must be given */
  version?: number | "latest";
  /** values to set; others keep their current value (credentials are only ever replaced) */
  configValues?: Record<string, unknown>;
  enabled?: boolean;
  /** a customer's user is held to its customer's presets */
  by?: "customer" | "organization";
  /** who changes it, for the audit log */
  actor?: AuditActor;
}

/**
 * Reconfigures an instance, moves it to another version, or enables/disables it. Flows keep their
 * webhook URLs across versions; a flow new in the version gets a new URL; schedules follow.
 */
export async function updateInstance(db: Db, input: UpdateInstanceInput) {
  const [current] = await db.select().from(instances).where(eq(instances.id, input.id));
  if (!current) throw notFound("instance");

  const reconfigure = input.version !== undefined || input.configValues !== undefined;
  let versionRow = undefined as Awaited<ReturnType<typeof getVersion>> | undefined;
  let config = undefined as ReturnType<typeof prepareConfig> | undefined;
  let connections = new Map<string, string>();
  if (reconfigure) {
    const target = await (input.version === undefined
      ? db.query.integrationVersions.findFirst({ where: (v, { eq }) => eq(v.id, current.versionId) }).then((v) => v!)
      : getVersion(db, current.integrationId, input.version === "latest" ? undefined : input.version));
    versionRow = target;
    const { customerId, integrationId } = current;
    const definition = target.definition as Definition;
    const given = await applyPresets(db, {
      by: input.by ?? "organization",
      customerId,
      integrationId,
      definition,
      given: input.configValues ?? {},
    });
    config = prepareConfig(
      definition,
      given,
      { plain: current.configValues, sealedSecrets: current.credentials },
      { connections: await connectionLookupFor(db, definition) },
    );
    connections = await checkConnectionValues(db, definition, { integrationId, customerId }, given);
  }

  await db.transaction(async (tx) => {
    await tx
      .update(instances)
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(versionRow && { versionId: versionRow.id }),
        ...(config && { configValues: config.plain, credentials: config.sealedSecrets }),
        // a new version that asks for endpoint secrets gets them (rotate to read them)
        ...(versionRow &&
          !current.endpointSecrets &&
          needsEndpointSecrets(versionRow.definition as Definition) && { endpointSecrets: newEndpointSecrets().sealed }),
        updatedAt: new Date(),
      })
      .where(eq(instances.id, input.id));
    if (input.enabled === false && current.enabled) await cancelWaitingRuns(tx, input.id);
    if (input.actor) await recordAudit(tx, instanceUpdateEntry(input.actor, current, input, versionRow?.version));
    if (versionRow && config) {
      const existing = await tx.select().from(instanceFlows).where(eq(instanceFlows.instanceId, input.id));
      const wanted = flowSchedules(versionRow.definition as Definition, config.plain);
      for (const flow of wanted) {
        const had = existing.find((e) => e.flowKey === flow.flowKey);
        if (had)
          await tx.update(instanceFlows).set({ flowName: flow.flowName, schedule: flow.schedule }).where(eq(instanceFlows.id, had.id));
        else await tx.insert(instanceFlows).values({ ...flow, instanceId: input.id, webhookToken: newWebhookToken() });
      }
      for (const gone of existing.filter((e) => !wanted.some((w) => w.flowKey === e.flowKey))) {
        await tx.delete(instanceFlows).where(eq(instanceFlows.id, gone.id));
      }
    }
  });
  await bindConnections(db, input.id, connections);
  if (versionRow) await subscribeTriggers(db, input.id);
  await notifyInstanceChanged(db, input.id);
  return { id: input.id, version: versionRow?.version };
}

/** the new version's webhook-style component triggers subscribe, the dropped ones unsubscribe */
async function subscribeTriggers(db: Db, id: string) {
  try {
    await applyTriggerHooks(db, id);
  } catch (err) {
    if (err instanceof TriggerHookError) {
      await notifyInstanceChanged(db, id);
      throw new ServiceError("BAD_REQUEST", `the instance was updated but ${err.message}`);
    }
    throw err;
  }
}

export async function deleteInstance(db: Db, id: string, actor?: AuditActor) {
  // unsubscribes webhook-style component triggers first (the row keeping their state goes with the instance)
  await applyTriggerHooks(db, id, true);
  const row = await db.transaction(async (tx) => {
    const [row] = await tx.delete(instances).where(eq(instances.id, id)).returning({ id: instances.id, name: instances.name });
    if (row && actor)
      await recordAudit(tx, { actor, action: "instance.deleted", target: { type: "instance", id: row.id, name: row.name } });
    return row;
  });
  if (!row) throw notFound("instance");
  await notifyInstanceChanged(db, id);
  return row;
}

/**
 * Disabling stops what the instance still had to do: queued runs, pending retries and replays end
 * `canceled` with the reason, in the disabling's transaction (a worker claiming one later finds it
 * canceled; one accepted meanwhile by a process with a stale cache is canceled when claimed).
 */
async function cancelWaitingRuns(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], instanceId: string) {
  await tx.execute(cancelWaitingRunsSql(instanceId));
}

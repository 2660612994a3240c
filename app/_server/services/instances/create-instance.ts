import { eq } from "drizzle-orm";
import { applyTriggerHooks } from "@/runtime/triggers/hook-runner";
import { TriggerHookError } from "@/runtime/triggers/subscriptions";
import type { Db } from "@/db/client";
import { customers, instanceFlows, instances } from "@/db/schema";
import { flowSchedules, newWebhookToken } from "@/runtime/config/instance-flows";
import type { Definition } from "@/runtime/definition";
import { notFound, ServiceError } from "../errors";
import { getVersion } from "../integrations/get-integration";
import { bindConnections, checkConnectionValues } from "../connections/check-connection-values";
import { applyPresets } from "../marketplace/apply-presets";
import { assertAvailableToCustomer } from "../marketplace/visibility";
import { needsEndpointSecrets, newEndpointSecrets } from "./endpoint-secrets";
import { connectionLookupFor } from "../components/connection-lookup";
import { prepareConfig } from "./instance-config";
import { notifyInstanceChanged } from "./write-instance";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { instanceDeployEntry } from "../audit/instance-entries";

export interface CreateInstanceInput {
  integrationId: string;
  customerId: string;
  /** a version number; the latest published when omitted */
  version?: number;
  name?: string;
  configValues: Record<string, unknown>;
  enabled?: boolean;
  /** a customer's user may deploy only what is visible to its customer, and is held to its presets */
  by?: "customer" | "organization";
  /** who deploys, for the audit log */
  actor?: AuditActor;
}

/**
 * Deploys a published version to a customer: validated config values (credentials encrypted),
 * one webhook token and effective schedule per flow, enabled. All or nothing.
 */
export async function createInstance(db: Db, input: CreateInstanceInput) {
  const by = input.by ?? "organization";
  if (by === "customer") await assertAvailableToCustomer(db, input.integrationId, input.customerId);
  const version = await getVersion(db, input.integrationId, input.version);
  const definition = version.definition as Definition;
  const [customer] = await db.select().from(customers).where(eq(customers.id, input.customerId));
  if (!customer) throw notFound("customer");
  const given = await applyPresets(db, {
    by,
    customerId: input.customerId,
    integrationId: input.integrationId,
    definition,
    given: input.configValues,
  });
  const config = prepareConfig(definition, given, undefined, { connections: await connectionLookupFor(db, definition) });
  const connections = await checkConnectionValues(
    db,
    definition,
    { integrationId: input.integrationId, customerId: input.customerId },
    given,
  );
  const secrets = needsEndpointSecrets(definition) ? newEndpointSecrets() : undefined;

  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(instances)
      .values({
        name: input.name?.trim() || `${definition.name} for ${customer.name}`,
        integrationId: input.integrationId,
        customerId: input.customerId,
        versionId: version.id,
        enabled: input.enabled ?? true,
        configValues: config.plain,
        credentials: config.sealedSecrets,
        endpointSecrets: secrets?.sealed,
      })
      .returning({ id: instances.id, name: instances.name });
    const flows = flowSchedules(definition, { ...config.plain });
    await tx.insert(instanceFlows).values(flows.map((f) => ({ ...f, instanceId: row!.id, webhookToken: newWebhookToken() })));
    if (input.actor) await recordAudit(tx, instanceDeployEntry(input.actor, row!, { ...input, version: version.version }));
    return row!.id;
  });
  await bindConnections(db, id, connections);
  await subscribeOrUndeploy(db, id);
  await notifyInstanceChanged(db, id);
  // shown this once, like an API token: webhook callers need them, nobody needs them twice
  return { id, version: version.version, endpointSecrets: secrets?.plain };
}

/** webhook-style component triggers subscribe at their system; one that cannot fails the deploy, leaving nothing behind */
async function subscribeOrUndeploy(db: Db, id: string) {
  try {
    await applyTriggerHooks(db, id);
  } catch (err) {
    if (!(err instanceof TriggerHookError)) throw err;
    await applyTriggerHooks(db, id, true).catch(() => {});
    await db.delete(instances).where(eq(instances.id, id));
    throw new ServiceError("BAD_REQUEST", `cannot deploy: ${err.message}`);
  }
}

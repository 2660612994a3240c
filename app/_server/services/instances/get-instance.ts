import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, instanceFlows, instances, integrations, integrationVersions } from "@/db/schema";
import { webhookUrl } from "@/runtime/config/public-url";
import type { Definition } from "@/runtime/definition";
import { notFound } from "../errors";
import { instanceConnections } from "../connections/instance-connections";
import { maskedConfig } from "./instance-config";

/** An instance with its customer, integration, pinned version, flows (webhook URLs) and masked config. */
export async function getInstance(db: Db, id: string) {
  const [row] = await db
    .select({
      instance: instances,
      customer: { id: customers.id, name: customers.name },
      integration: { id: integrations.id, name: integrations.name },
      version: { id: integrationVersions.id, version: integrationVersions.version, definition: integrationVersions.definition },
    })
    .from(instances)
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .innerJoin(integrations, eq(integrations.id, instances.integrationId))
    .innerJoin(integrationVersions, eq(integrationVersions.id, instances.versionId))
    .where(eq(instances.id, id));
  if (!row) throw notFound("instance");
  const flows = await db.select().from(instanceFlows).where(eq(instanceFlows.instanceId, id));
  const definition = row.version.definition as Definition;
  return {
    id: row.instance.id,
    name: row.instance.name,
    enabled: row.instance.enabled,
    customer: row.customer,
    integration: row.integration,
    version: row.version.version,
    createdAt: row.instance.createdAt,
    updatedAt: row.instance.updatedAt,
    flows: flows.map((f) => ({ key: f.flowKey, name: f.flowName, webhookUrl: webhookUrl(f.webhookToken), schedule: f.schedule })),
    config: maskedConfig(definition, row.instance.configValues, row.instance.credentials),
    /** its OAuth 2.0 connections' status (one needing re-authorization is shown with Reconnect) */
    connections: await instanceConnections(db, definition, row.instance.credentials),
    definition,
  };
}

import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, executions, instanceFlows, instances, integrations, integrationVersions } from "@/db/schema";
import { webhookUrl } from "@/runtime/config/public-url";

export interface ListInstancesInput {
  integrationId?: string;
  customerId?: string;
  enabled?: boolean;
  /** the pinned version number */
  version?: number;
  /** include each flow's webhook URL */
  extended?: boolean;
}

export interface InstanceFlowInfo {
  key: string;
  name: string;
  webhookUrl: string;
  schedule: unknown;
}

export async function listInstances(db: Db, input: ListInstancesInput) {
  // the newest real run of each instance, found through executions_instance_idx
  const lastRun = db
    .select({ status: executions.status, queuedAt: executions.queuedAt })
    .from(executions)
    .where(and(eq(executions.instanceId, instances.id), eq(executions.isTest, false)))
    .orderBy(desc(executions.queuedAt))
    .limit(1)
    .as("last_run");
  const rows = await db
    .select({
      id: instances.id,
      name: instances.name,
      enabled: instances.enabled,
      customerId: customers.id,
      customer: customers.name,
      integrationId: integrations.id,
      integration: integrations.name,
      version: integrationVersions.version,
      createdAt: instances.createdAt,
      lastRunStatus: lastRun.status,
      lastRunAt: lastRun.queuedAt,
    })
    .from(instances)
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .innerJoin(integrations, eq(integrations.id, instances.integrationId))
    .innerJoin(integrationVersions, eq(integrationVersions.id, instances.versionId))
    .leftJoinLateral(lastRun, sql`true`)
    .where(
      and(
        input.integrationId ? eq(instances.integrationId, input.integrationId) : undefined,
        input.customerId ? eq(instances.customerId, input.customerId) : undefined,
        input.enabled === undefined ? undefined : eq(instances.enabled, input.enabled),
        input.version === undefined ? undefined : eq(integrationVersions.version, input.version),
      ),
    )
    .orderBy(asc(customers.name), asc(instances.name));
  if (!input.extended || rows.length === 0) return rows.map((r) => ({ ...r, flows: undefined as InstanceFlowInfo[] | undefined }));
  const flows = await db
    .select()
    .from(instanceFlows)
    .where(
      inArray(
        instanceFlows.instanceId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    ...r,
    flows: flows
      .filter((f) => f.instanceId === r.id)
      .map((f): InstanceFlowInfo => ({
        key: f.flowKey,
        name: f.flowName,
        webhookUrl: webhookUrl(f.webhookToken),
        schedule: f.schedule,
      })) as InstanceFlowInfo[] | undefined,
  }));
}

/**
 * Which instances use a component version: those whose deployed integration version resolved
 * the component to exactly this version at publish time.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, instances, integrations, integrationVersions } from "@/db/schema";
import type { DbOrTx } from "./install-component";

export interface VersionUsage {
  instanceId: string;
  instanceName: string;
  enabled: boolean;
  customerId: string;
  customerName: string;
  integrationId: string;
  integrationName: string;
  integrationVersion: number;
}

export async function findVersionUsage(db: Db | DbOrTx, key: string, version: string): Promise<VersionUsage[]> {
  return db
    .select({
      instanceId: instances.id,
      instanceName: instances.name,
      enabled: instances.enabled,
      customerId: customers.id,
      customerName: customers.name,
      integrationId: integrations.id,
      integrationName: integrations.name,
      integrationVersion: integrationVersions.version,
    })
    .from(instances)
    .innerJoin(integrationVersions, eq(integrationVersions.id, instances.versionId))
    .innerJoin(integrations, eq(integrations.id, instances.integrationId))
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .where(sql`${integrationVersions.componentVersions} ->> ${key} = ${version}`)
    .orderBy(asc(integrations.name), asc(customers.name), asc(instances.name));
}

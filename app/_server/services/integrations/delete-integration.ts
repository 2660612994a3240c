import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, instances, integrations } from "@/db/schema";
import { notFound } from "../errors";

/** The instances that deleting the integration would delete with it (for the confirmation). */
export function instancesOfIntegration(db: Db, integrationId: string) {
  return db
    .select({ id: instances.id, name: instances.name, customer: customers.name })
    .from(instances)
    .innerJoin(customers, eq(customers.id, instances.customerId))
    .where(eq(instances.integrationId, integrationId));
}

/** Deletes an integration with its versions, instances and their executions. */
export async function deleteIntegration(db: Db, id: string) {
  const removed = await instancesOfIntegration(db, id);
  const [row] = await db.delete(integrations).where(eq(integrations.id, id)).returning({ id: integrations.id, name: integrations.name });
  if (!row) throw notFound("integration");
  return { ...row, deletedInstances: removed };
}

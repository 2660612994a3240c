import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, instances, integrations, users } from "@/db/schema";

/** What deleting a customer takes with it: its instances (and their runs) and its users. */
export async function customerDeletionImpact(db: Db, customerId: string) {
  const [instanceRows, userRows] = await Promise.all([
    db
      .select({ id: instances.id, name: instances.name, integration: integrations.name })
      .from(instances)
      .innerJoin(integrations, eq(integrations.id, instances.integrationId))
      .where(eq(instances.customerId, customerId))
      .orderBy(asc(instances.name)),
    listCustomerUsers(db, customerId),
  ]);
  return { instances: instanceRows, users: userRows };
}

export function listCustomerUsers(db: Db, customerId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .innerJoin(customers, eq(customers.id, users.customerId))
    .where(eq(users.customerId, customerId))
    .orderBy(asc(users.email));
}

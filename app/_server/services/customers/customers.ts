/**
 * Customers: the companies instances are deployed to. Small enough that the four operations
 * share a file; each stays one function.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers } from "@/db/schema";
import { notFound, ServiceError } from "../errors";

export interface CustomerInput {
  name: string;
  externalId?: string | null;
  description?: string;
}

function conflictOnUnique(err: unknown, input: Partial<CustomerInput>): never {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pg = e.code ? e : e.cause;
  if (pg?.code === "23505") {
    throw pg.constraint?.includes("external")
      ? new ServiceError("CONFLICT", `externalId: a customer with external id "${input.externalId}" already exists`)
      : new ServiceError("CONFLICT", `name: a customer named "${input.name}" already exists`);
  }
  throw err;
}

export async function createCustomer(db: Db, input: CustomerInput) {
  try {
    const [row] = await db
      .insert(customers)
      .values({ name: input.name.trim(), externalId: input.externalId || null, description: input.description ?? "" })
      .returning();
    return row!;
  } catch (err) {
    conflictOnUnique(err, input);
  }
}

export async function updateCustomer(db: Db, id: string, input: Partial<CustomerInput>) {
  try {
    const [row] = await db
      .update(customers)
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.externalId !== undefined && { externalId: input.externalId || null }),
        ...(input.description !== undefined && { description: input.description }),
        updatedAt: new Date(),
      })
      .where(eq(customers.id, id))
      .returning();
    if (!row) throw notFound("customer");
    return row;
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    conflictOnUnique(err, input);
  }
}

export async function listCustomers(db: Db, onlyId?: string | null) {
  return db
    .select({
      id: customers.id,
      name: customers.name,
      externalId: customers.externalId,
      description: customers.description,
      createdAt: customers.createdAt,
      // written out: inside a subquery drizzle leaves columns unqualified, and "id" would mean instances.id
      instanceCount: sql<number>`(select count(*)::int from instances i where i.customer_id = "customers"."id")`,
    })
    .from(customers)
    .where(onlyId ? eq(customers.id, onlyId) : undefined)
    .orderBy(asc(customers.name));
}

export async function getCustomer(db: Db, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw notFound("customer");
  return row;
}

/** Deletes a customer with its users, instances and their executions. */
export async function deleteCustomer(db: Db, id: string) {
  const [row] = await db.delete(customers).where(eq(customers.id, id)).returning({ id: customers.id, name: customers.name });
  if (!row) throw notFound("customer");
  return row;
}

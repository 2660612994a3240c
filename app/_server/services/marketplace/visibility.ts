import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instances, integrationCustomerAccess, integrations, isCustomerRole } from "@/db/schema";
import type { Principal } from "../../auth/principal";
import { ServiceError } from "../errors";

/** Who looks at the marketplace: a customer's user sees what is visible to its customer; the organization sees all. */
export type MarketplaceViewer = { customerId: string } | "organization";

export function viewerOf(principal: Principal): MarketplaceViewer {
  if (!isCustomerRole(principal.role)) return "organization";
  // a customer user always has its customer; without one it may see nothing
  if (!principal.customerId) throw new ServiceError("FORBIDDEN", "this user belongs to no customer");
  return { customerId: principal.customerId };
}

/** The condition "integrations row is visible to the customer": visibility "all", or "customers" with the customer listed. */
export function visibleToCustomer(customerId: string): SQL {
  return or(
    eq(integrations.marketplaceVisibility, "all"),
    and(
      eq(integrations.marketplaceVisibility, "customers"),
      exists(
        sql`(select 1 from ${integrationCustomerAccess} where ${integrationCustomerAccess.integrationId} = ${integrations.id} and ${integrationCustomerAccess.customerId} = ${customerId})`,
      ),
    ),
  )!;
}

export async function isVisibleToCustomer(db: Db, integrationId: string, customerId: string): Promise<boolean> {
  const rows = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), visibleToCustomer(customerId)));
  return rows.length > 0;
}

/**
 * What a customer may read of an integration: what is visible to it, and what it already runs
 * (an instance deployed before the integration was hidden keeps its wizard and update pages).
 */
export async function isReadableByCustomer(db: Db, integrationId: string, customerId: string): Promise<boolean> {
  if (await isVisibleToCustomer(db, integrationId, customerId)) return true;
  const rows = await db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.integrationId, integrationId), eq(instances.customerId, customerId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * A customer user may deploy only what is visible to its customer. An unknown id gets the same
 * answer as a hidden one, so the refusal tells nothing about what exists.
 */
export async function assertAvailableToCustomer(db: Db, integrationId: string, customerId: string): Promise<void> {
  if (!(await isVisibleToCustomer(db, integrationId, customerId))) {
    throw new ServiceError("FORBIDDEN", "this integration is not available to your customer");
  }
}

import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, integrationCustomerAccess, integrations, type MarketplaceVisibility } from "@/db/schema";
import { notFound, ServiceError } from "../errors";
import { getMarketplaceSettings, type MarketplaceSettings } from "./get-marketplace-settings";

export interface SetMarketplaceInput {
  id: string;
  visibility?: MarketplaceVisibility;
  /** replaces the list */
  customerIds?: string[];
  /** checked by the router (icon.ts); null removes it */
  icon?: string | null;
}

/**
 * Who may activate the integration, and its icon. Instances already deployed keep running
 * whatever is chosen: visibility governs the marketplace and new deployments only.
 */
export async function setMarketplaceSettings(db: Db, input: SetMarketplaceInput): Promise<MarketplaceSettings> {
  const [row] = await db.select({ id: integrations.id }).from(integrations).where(eq(integrations.id, input.id));
  if (!row) throw notFound("integration");
  const customerIds = input.customerIds && [...new Set(input.customerIds)];
  if (customerIds?.length) {
    const known = await db.select({ id: customers.id }).from(customers).where(inArray(customers.id, customerIds));
    const unknown = customerIds.filter((c) => !known.some((k) => k.id === c));
    if (unknown.length) {
      const message = `no customer has the id ${unknown.join(", ")}`;
      throw new ServiceError("BAD_REQUEST", `customerIds: ${message}`, [{ path: "customerIds", message }]);
    }
  }
  await db.transaction(async (tx) => {
    const set = {
      ...(input.visibility !== undefined && { marketplaceVisibility: input.visibility }),
      ...(input.icon !== undefined && { icon: input.icon }),
    };
    if (Object.keys(set).length) await tx.update(integrations).set(set).where(eq(integrations.id, input.id));
    if (customerIds) {
      await tx.delete(integrationCustomerAccess).where(eq(integrationCustomerAccess.integrationId, input.id));
      if (customerIds.length) {
        await tx.insert(integrationCustomerAccess).values(customerIds.map((customerId) => ({ integrationId: input.id, customerId })));
      }
    }
  });
  return getMarketplaceSettings(db, input.id);
}

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationCustomerAccess, integrations, type MarketplaceVisibility } from "@/db/schema";
import { notFound } from "../errors";

export interface MarketplaceSettings {
  visibility: MarketplaceVisibility;
  /** the customers it is shown to under "customers" (kept while another visibility is chosen) */
  customerIds: string[];
  icon: string | null;
}

export async function getMarketplaceSettings(db: Db, id: string): Promise<MarketplaceSettings> {
  const [row] = await db
    .select({ visibility: integrations.marketplaceVisibility, icon: integrations.icon })
    .from(integrations)
    .where(eq(integrations.id, id));
  if (!row) throw notFound("integration");
  const access = await db
    .select({ customerId: integrationCustomerAccess.customerId })
    .from(integrationCustomerAccess)
    .where(eq(integrationCustomerAccess.integrationId, id))
    .orderBy(asc(integrationCustomerAccess.customerId));
  return { visibility: row.visibility, customerIds: access.map((a) => a.customerId), icon: row.icon };
}

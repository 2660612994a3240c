import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { MarketplaceVisibility } from "@/db/schema";
import { visibleToCustomer, type MarketplaceViewer } from "./visibility";

export interface PublishedIntegration {
  id: string;
  name: string;
  description: string;
  /** the categories: the latest version's labels */
  labels: string[];
  icon: string | null;
  latestVersion: number;
  publishedAt: string;
  /** for the organization only: who may activate it */
  visibility?: MarketplaceVisibility;
}

/**
 * The marketplace: integrations with at least one published version, described by that latest
 * version (drafts never reach customers). A customer's user gets only what is visible to its
 * customer, and not how that was decided.
 */
export async function listPublished(db: Db, viewer: MarketplaceViewer): Promise<PublishedIntegration[]> {
  const customer = viewer === "organization" ? null : viewer.customerId;
  const result = await db.execute(sql`
    select integrations.id, integrations.name, coalesce(v.definition->>'description', '') as description,
           coalesce(v.definition->'labels', '[]'::jsonb) as labels, integrations.icon,
           v.version as "latestVersion", v.published_at as "publishedAt", integrations.marketplace_visibility as visibility
    from integrations
    join lateral (
      select version, definition, published_at from integration_versions
      where integration_id = integrations.id order by version desc limit 1
    ) v on true
    where ${customer === null ? sql`true` : visibleToCustomer(customer)}
    order by lower(integrations.name)`);
  const rows = result.rows as unknown as PublishedIntegration[];
  return customer === null ? rows : rows.map(({ visibility: _, ...row }) => row);
}

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export interface PublishedIntegration {
  id: string;
  name: string;
  description: string;
  labels: string[];
  latestVersion: number;
  publishedAt: string;
}

/**
 * The marketplace: integrations with at least one published version, described by that latest
 * version (drafts never reach customers).
 */
export async function listPublished(db: Db): Promise<PublishedIntegration[]> {
  const result = await db.execute(sql`
    select i.id, i.name, coalesce(v.definition->>'description', '') as description, i.labels,
           v.version as "latestVersion", v.published_at as "publishedAt"
    from integrations i
    join lateral (
      select version, definition, published_at from integration_versions
      where integration_id = i.id order by version desc limit 1
    ) v on true
    order by lower(i.name)`);
  return result.rows as unknown as PublishedIntegration[];
}

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Integrations with their latest version and deployed-instance count. `search` matches names;
 * `filter` (the Filter button) also matches descriptions and labels.
 */
export async function listIntegrations(db: Db, input: { search?: string; filter?: string } = {}) {
  const name = input.search ? `%${input.search}%` : null;
  const text = input.filter ? `%${input.filter}%` : null;
  const result = await db.execute(sql`
    select i.id, i.name, i.description, i.labels, i.updated_at as "updatedAt",
           (select max(v.version) from integration_versions v where v.integration_id = i.id) as "latestVersion",
           (select count(*)::int from instances n where n.integration_id = i.id) as "instanceCount"
    from integrations i
    where (${name}::text is null or i.name ilike ${name})
      and (${text}::text is null or i.name ilike ${text} or i.description ilike ${text}
           or exists (select 1 from unnest(i.labels) l where l ilike ${text}))
    order by lower(i.name)`);
  return result.rows as Array<{
    id: string;
    name: string;
    description: string;
    labels: string[];
    updatedAt: string;
    latestVersion: number | null;
    instanceCount: number;
  }>;
}

import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instances, integrations, integrationVersions } from "@/db/schema";
import type { Definition } from "@/runtime/definition";
import { notFound } from "../errors";

export async function getIntegration(db: Db, id: string) {
  const [row] = await db.select().from(integrations).where(eq(integrations.id, id));
  if (!row) throw notFound("integration");
  const [latest] = await db
    .select({ version: integrationVersions.version, publishedAt: integrationVersions.publishedAt })
    .from(integrationVersions)
    .where(eq(integrationVersions.integrationId, id))
    .orderBy(desc(integrationVersions.version))
    .limit(1);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    labels: row.labels,
    draft: row.draft as Definition,
    draftRevision: row.draftRevision,
    /** each flow's sample payload (by flow key), for the designer's data picker */
    samplePayloads: row.testPayloads,
    latestVersion: latest?.version ?? null,
    updatedAt: row.updatedAt,
  };
}

/** One published version's definition, or the latest when `version` is omitted. */
export async function getVersion(db: Db, integrationId: string, version?: number) {
  const [row] = await db
    .select()
    .from(integrationVersions)
    .where(
      and(
        eq(integrationVersions.integrationId, integrationId),
        version === undefined ? undefined : eq(integrationVersions.version, version),
      ),
    )
    .orderBy(desc(integrationVersions.version))
    .limit(1);
  if (!row) throw notFound(version === undefined ? "published version (publish the integration first)" : `version ${version}`);
  return row;
}

export async function countInstances(db: Db, integrationId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(instances)
    .where(eq(instances.integrationId, integrationId));
  return r?.n ?? 0;
}

import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationVersions, users } from "@/db/schema";

export function listVersions(db: Db, integrationId: string) {
  return db
    .select({
      id: integrationVersions.id,
      version: integrationVersions.version,
      note: integrationVersions.note,
      publishedAt: integrationVersions.publishedAt,
      publishedBy: users.email,
      componentVersions: integrationVersions.componentVersions,
    })
    .from(integrationVersions)
    .leftJoin(users, eq(users.id, integrationVersions.publishedBy))
    .where(eq(integrationVersions.integrationId, integrationId))
    .orderBy(desc(integrationVersions.version));
}

import { isDeepStrictEqual } from "node:util";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations, integrationVersions } from "@/db/schema";
import { checkDefinition, type Definition } from "@/runtime/definition";
import type { ComponentCatalog } from "@/runtime/definition/component-catalog";
import { notFound, ServiceError } from "../errors";
import { definitionRejected } from "./definition-problems";
import { recordAudit } from "../audit/record-audit";

/**
 * Publishes the draft as the next immutable version. Refused with every problem (missing required
 * input, bad reference, unknown action) when the draft is not complete. Each component the flows
 * use is pinned to the exact installed version, so deployed instances never change underneath.
 * A draft that would publish exactly the latest version (same definition, same pins) is refused:
 * a second version with nothing new only makes customers update for nothing.
 */
export async function publishIntegration(db: Db, catalog: ComponentCatalog, input: { id: string; note?: string; userId: string | null }) {
  return db.transaction(async (tx) => {
    // one publisher at a time per integration: version numbers stay gapless and unique
    const [row] = await tx.select().from(integrations).where(eq(integrations.id, input.id)).for("update");
    if (!row) throw notFound("integration");
    const checked = checkDefinition(row.draft, {
      mode: "publish",
      manifests: catalog.manifests,
      triggers: catalog.triggers,
      connections: catalog.connections,
    });
    if (!checked.ok) throw definitionRejected("cannot publish: fix these first", checked.errors);

    const componentVersions = await catalog.resolveVersions(checked.definition);
    const definition: Definition = { ...checked.definition, componentVersions };
    const [latest] = await tx
      .select({ version: integrationVersions.version, definition: integrationVersions.definition })
      .from(integrationVersions)
      .where(eq(integrationVersions.integrationId, input.id))
      .orderBy(desc(integrationVersions.version))
      .limit(1);
    // compared as stored (jsonb drops undefined keys and reorders them; isDeepStrictEqual ignores order)
    if (latest && isDeepStrictEqual(JSON.parse(JSON.stringify(definition)), latest.definition)) {
      throw new ServiceError(
        "BAD_REQUEST",
        `Nothing changed since version ${latest.version}: change the draft before publishing it again.`,
      );
    }
    const [version] = await tx
      .insert(integrationVersions)
      .values({
        integrationId: input.id,
        version: (latest?.version ?? 0) + 1,
        definition,
        componentVersions,
        note: input.note ?? "",
        publishedBy: input.userId,
      })
      .returning();
    if (input.userId)
      await recordAudit(tx, {
        actor: { userId: input.userId },
        action: "integration.published",
        target: { type: "integration", id: row.id, name: row.name },
        detail: { version: version!.version, note: input.note || undefined },
      });
    return { id: version!.id, version: version!.version, componentVersions, publishedAt: version!.publishedAt };
  });
}

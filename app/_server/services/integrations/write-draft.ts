import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import type { Definition } from "@/runtime/definition";
import { ServiceError } from "../errors";

/** The integration row's name, description and labels always follow its draft definition. */
export const columnsOf = (d: Definition) => ({
  name: d.name,
  // a draft saved with problems may hold anything in these: the columns stay well typed
  description: typeof d.description === "string" ? d.description : "",
  labels: Array.isArray(d.labels) ? d.labels.filter((l): l is string => typeof l === "string") : [],
  draft: d,
});

export async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const [taken] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.name, name), exceptId ? ne(integrations.id, exceptId) : undefined));
  if (taken) throw new ServiceError("CONFLICT", `name: an integration named "${name}" already exists`);
}

export async function insertIntegration(db: Db, definition: Definition, createdBy: string | null, forkedFrom?: string) {
  await assertNameFree(db, definition.name);
  const [row] = await db
    .insert(integrations)
    .values({ ...columnsOf(definition), createdBy, forkedFrom })
    .returning({ id: integrations.id, draftRevision: integrations.draftRevision });
  return row!;
}

/**
 * Replaces the draft. With `baseRevision`, refuses (CONFLICT) when someone saved since that
 * revision, so a second editor never silently overwrites the first.
 */
export async function updateDraft(db: Db, id: string, definition: Definition, baseRevision?: number) {
  await assertNameFree(db, definition.name, id);
  const [row] = await db
    .update(integrations)
    .set({ ...columnsOf(definition), draftRevision: sql`${integrations.draftRevision} + 1`, updatedAt: new Date() })
    .where(and(eq(integrations.id, id), baseRevision === undefined ? undefined : eq(integrations.draftRevision, baseRevision)))
    .returning({ id: integrations.id, draftRevision: integrations.draftRevision });
  if (row) return row;
  const [exists] = await db.select({ rev: integrations.draftRevision }).from(integrations).where(eq(integrations.id, id));
  if (!exists) throw new ServiceError("NOT_FOUND", "integration not found");
  throw new ServiceError(
    "CONFLICT",
    `the draft changed since you loaded it (revision ${baseRevision} → ${exists.rev}): reload to see the other changes`,
  );
}

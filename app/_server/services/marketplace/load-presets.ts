import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerConfigPresets } from "@/db/schema";
import { decryptJson } from "@/runtime/security/secret-box";

export type PresetRow = typeof customerConfigPresets.$inferSelect;

/** The customer's presets for an integration, by variable key (values still sealed). */
export async function loadPresets(db: Db, customerId: string, integrationId: string): Promise<Map<string, PresetRow>> {
  const rows = await db
    .select()
    .from(customerConfigPresets)
    .where(and(eq(customerConfigPresets.customerId, customerId), eq(customerConfigPresets.integrationId, integrationId)))
    .orderBy(asc(customerConfigPresets.configVarKey));
  return new Map(rows.map((r) => [r.configVarKey, r]));
}

/** The preset's value, a credential unsealed: only for the server's own use (deploying), never for a response. */
export function presetValue(row: PresetRow): unknown {
  return row.sealedValue ? decryptJson(row.sealedValue) : (row.value ?? undefined);
}

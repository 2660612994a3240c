import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerConfigPresets } from "@/db/schema";
import { notFound } from "../errors";

/** The customer sets the variable itself again from its next deploy or reconfiguration on. */
export async function removePreset(db: Db, input: { customerId: string; integrationId: string; configVarKey: string }) {
  const rows = await db
    .delete(customerConfigPresets)
    .where(
      and(
        eq(customerConfigPresets.customerId, input.customerId),
        eq(customerConfigPresets.integrationId, input.integrationId),
        eq(customerConfigPresets.configVarKey, input.configVarKey),
      ),
    )
    .returning({ configVarKey: customerConfigPresets.configVarKey });
  if (!rows.length) throw notFound("preset");
  return rows[0]!;
}

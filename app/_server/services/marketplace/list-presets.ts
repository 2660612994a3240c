import type { Db } from "@/db/client";
import type { PresetMode } from "@/db/schema";
import { loadPresets } from "./load-presets";

export interface PresetSummary {
  configVarKey: string;
  mode: PresetMode;
  /** non-secret values only; a credential's is never sent */
  value?: unknown;
  hasValue: boolean;
  /** the value is a credential (sealed at rest) */
  sealed: boolean;
  updatedAt: Date;
}

/** The organization's view of one customer's presets for one integration. */
export async function listPresets(db: Db, input: { customerId: string; integrationId: string }): Promise<PresetSummary[]> {
  const rows = await loadPresets(db, input.customerId, input.integrationId);
  return [...rows.values()].map((r) => ({
    configVarKey: r.configVarKey,
    mode: r.mode,
    ...(r.sealedValue ? {} : { value: r.value }),
    hasValue: r.sealedValue !== null || (r.value !== null && r.value !== undefined),
    sealed: r.sealedValue !== null,
    updatedAt: r.updatedAt,
  }));
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customerConfigPresets, customers, type PresetMode } from "@/db/schema";
import { configValueSchema, configVarsOf } from "@/runtime/config/config-values";
import { connectionLookupFor } from "../components/connection-lookup";
import type { Definition } from "@/runtime/definition";
import { encryptJson } from "@/runtime/security/secret-box";
import { notFound, ServiceError } from "../errors";
import { getVersion } from "../integrations/get-integration";
import { listPresets, type PresetSummary } from "./list-presets";
import { loadPresets } from "./load-presets";

export interface SetPresetInput {
  customerId: string;
  integrationId: string;
  configVarKey: string;
  mode: PresetMode;
  /** omitted (or blank) to keep the value the preset has, e.g. when only the mode changes */
  value?: unknown;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";
/** `password is required` names its field already; other messages get it in front (as config-values.ts does) */
const describe = (i: { path: PropertyKey[]; message: string }) => {
  const field = i.path.map(String).join(".");
  return !field || i.message.startsWith(field + " ") ? i.message : `${field}: ${i.message}`;
};
const refuse = (path: string, message: string) => new ServiceError("BAD_REQUEST", `${path}: ${message}`, [{ path, message }]);

/**
 * Pre-fills one config variable for one customer, hidden from it or read-only. The value is
 * checked with the variable's own schema from the latest published version; a credential is
 * sealed and never read back out.
 */
export async function setPreset(db: Db, input: SetPresetInput): Promise<PresetSummary> {
  const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
  if (!customer) throw notFound("customer");
  const version = await getVersion(db, input.integrationId);
  const v = configVarsOf((version.definition as Definition).configPages).find((x) => x.key === input.configVarKey);
  if (!v) throw refuse("configVarKey", `version ${version.version} has no config variable "${input.configVarKey}"`);
  if (v.type === "credential" && v.credentialType === "oauth2") {
    // its value names a connection the customer makes by pressing Connect
    throw refuse("configVarKey", `${v.label} is an OAuth 2.0 connection: the customer connects it, it cannot be preset`);
  }

  const existing = (await loadPresets(db, input.customerId, input.integrationId)).get(v.key);
  let stored: { value: unknown; sealedValue: string | null };
  if (isEmpty(input.value)) {
    if (!existing) throw refuse("value", `a preset of ${v.label} needs a value`);
    stored = { value: existing.value, sealedValue: existing.sealedValue };
  } else {
    const connections = await connectionLookupFor(db, version.definition as Definition);
    const parsed = configValueSchema(v, { connections }).safeParse(input.value);
    if (!parsed.success) throw refuse("value", parsed.error.issues.map(describe).join("; "));
    stored = v.type === "credential" ? { value: null, sealedValue: encryptJson(parsed.data) } : { value: parsed.data, sealedValue: null };
  }

  const row = { ...stored, mode: input.mode, updatedAt: new Date() };
  await db
    .insert(customerConfigPresets)
    .values({ customerId: input.customerId, integrationId: input.integrationId, configVarKey: v.key, ...row })
    .onConflictDoUpdate({
      target: [customerConfigPresets.customerId, customerConfigPresets.integrationId, customerConfigPresets.configVarKey],
      set: row,
    });
  const presets = await listPresets(db, input);
  return presets.find((p) => p.configVarKey === v.key)!;
}

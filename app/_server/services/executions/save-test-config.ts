import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { configVarsOf, splitSecrets } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition";
import { decryptJson, encryptJson } from "@/runtime/security/secret-box";
import { checkConnectionValues } from "../connections/check-connection-values";
import { notFound } from "../errors";

/**
 * The designer's test config values and test credentials (kept encrypted). Values are checked
 * when a run uses them, not here: a half-filled test configuration is still worth saving.
 */
export async function saveTestConfig(db: Db, input: { integrationId: string; values: Record<string, unknown> }) {
  const [row] = await db.select().from(integrations).where(eq(integrations.id, input.integrationId));
  if (!row) throw notFound("integration");
  const vars = configVarsOf((row.draft as Definition).configPages);
  // a test may use the designer's own test connections, never a customer's
  await checkConnectionValues(db, row.draft as Definition, { integrationId: row.id, customerId: null }, input.values);
  const { plain, secrets } = splitSecrets(vars, input.values);
  // credentials not sent again keep their value: they are never sent back to the browser
  const kept = row.testSecrets ? decryptJson<Record<string, unknown>>(row.testSecrets) : {};
  const merged = { ...kept, ...secrets };
  await db
    .update(integrations)
    .set({ testConfig: plain, testSecrets: Object.keys(merged).length ? encryptJson(merged) : null })
    .where(eq(integrations.id, input.integrationId));
  return { saved: true, credentialsSet: Object.keys(merged) };
}

/** The OAuth 2.0 client secrets of an integration's oauth2 variables: set by the organization, never shown again. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { decryptJson, encryptJson } from "@/runtime/security/secret-box";
import { notFound } from "../errors";

async function secretsOf(db: Db, integrationId: string): Promise<Record<string, string>> {
  const [row] = await db.select({ sealed: integrations.oauthClientSecrets }).from(integrations).where(eq(integrations.id, integrationId));
  if (!row) throw notFound("integration");
  return row.sealed ? decryptJson<Record<string, string>>(row.sealed) : {};
}

/** null removes it (a public client, PKCE only) */
export async function setClientSecret(db: Db, input: { integrationId: string; configVarKey: string; clientSecret: string | null }) {
  const secrets = await secretsOf(db, input.integrationId);
  if (input.clientSecret) secrets[input.configVarKey] = input.clientSecret;
  else delete secrets[input.configVarKey];
  await db
    .update(integrations)
    .set({ oauthClientSecrets: Object.keys(secrets).length ? encryptJson(secrets) : null, updatedAt: sql`now()` })
    .where(eq(integrations.id, input.integrationId));
  return { configVarKeys: Object.keys(secrets) };
}

/** which variables have a secret set (never the secrets) */
export async function clientSecretStatus(db: Db, integrationId: string) {
  return { configVarKeys: Object.keys(await secretsOf(db, integrationId)) };
}

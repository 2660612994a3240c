import type pg from "pg";
import { decryptJson } from "../security/secret-box";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** The client secret the organization set for an integration's oauth2 variable (undefined: a public client). */
export async function clientSecretFor(db: Queryable, integrationId: string, configVarKey: string): Promise<string | undefined> {
  const { rows } = await db.query<{ sealed: string | null }>(`select oauth_client_secrets as sealed from integrations where id = $1`, [
    integrationId,
  ]);
  const sealed = rows[0]?.sealed;
  if (!sealed) return undefined;
  const secret = decryptJson<Record<string, string>>(sealed)[configVarKey];
  return secret || undefined;
}

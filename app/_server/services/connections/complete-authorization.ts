/**
 * The provider's redirect back (/oauth2/callback): the `state` is looked up by its hash and
 * spent at once (a second use, or one after ten minutes, trades nothing), the code is traded with
 * the PKCE verifier and the organization's client secret, and the tokens are sealed.
 */
import type { Db } from "@/db/client";
import { sql } from "drizzle-orm";
import { hashState, redirectUri } from "@/runtime/oauth2/authorize-url";
import { clientSecretFor } from "@/runtime/oauth2/client-secret";
import { requestTokens } from "@/runtime/oauth2/token-endpoint";
import type { OAuth2Settings } from "@/runtime/definition/schema";
import { decryptSecret, encryptJson } from "@/runtime/security/secret-box";
import type pg from "pg";

export type CallbackOutcome = { ok: true; connectionId: string } | { ok: false; status: number; error: string; connectionId?: string };

interface SpentState {
  id: string;
  integration_id: string;
  config_var_key: string;
  provider: OAuth2Settings;
  code_verifier: string | null;
  live: boolean;
}

export async function completeAuthorization(db: Db, pool: pg.Pool, params: URLSearchParams): Promise<CallbackOutcome> {
  const state = params.get("state");
  if (!state) return { ok: false, status: 400, error: "the provider sent no state: start again with Connect" };
  const spent = await db.execute(sql`
    update oauth2_connections c set state_hash = null, code_verifier = null, state_expires_at = null, updated_at = now()
      from (select id, code_verifier, state_expires_at > now() as live from oauth2_connections where state_hash = ${hashState(state)} for update) old
     where c.id = old.id
    returning c.id, c.integration_id, c.config_var_key, c.provider, old.code_verifier, old.live`);
  const row = spent.rows[0] as unknown as SpentState | undefined;
  if (!row) return { ok: false, status: 400, error: "this sign-in link was used already or is unknown: start again with Connect" };
  if (!row.live)
    return { ok: false, status: 400, error: "the sign-in took longer than 10 minutes: start again with Connect", connectionId: row.id };

  const fail = async (error: string) => {
    await db.execute(sql`update oauth2_connections set last_error = ${error.slice(0, 500)} where id = ${row.id}`);
    return { ok: false as const, status: 400, error, connectionId: row.id };
  };
  const providerError = params.get("error");
  if (providerError) {
    const description = params.get("error_description");
    return fail(`the provider answered ${providerError}${description ? `: ${description}` : ""}`);
  }
  const code = params.get("code");
  if (!code) return fail("the provider sent no code");
  try {
    const tokens = await requestTokens(
      {
        tokenUrl: row.provider.tokenUrl,
        clientId: row.provider.clientId,
        clientSecret: await clientSecretFor(pool, row.integration_id, row.config_var_key),
      },
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri(),
        ...(row.code_verifier ? { code_verifier: decryptSecret(row.code_verifier) } : {}),
      },
    );
    await db.execute(sql`
      update oauth2_connections
         set status = 'connected', tokens = ${encryptJson(tokens)}, access_token_expires_at = ${tokens.expiresAt ?? null},
             last_error = null, last_refreshed_at = now(), updated_at = now()
       where id = ${row.id}`);
    return { ok: true, connectionId: row.id };
  } catch (err) {
    return fail(`the code could not be traded for tokens: ${(err as Error).message}`);
  }
}

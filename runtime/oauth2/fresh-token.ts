/**
 * A connection's access token, valid for at least a margin: refreshed on the host when it is
 * about to expire — one refresh at a time per connection, across processes (the row is locked
 * for the refresh; whoever waited re-reads it and uses the new token). A refresh the provider
 * refuses marks the connection as needing re-authorization and tells the alerting leader.
 */
import type pg from "pg";
import { CHANNELS } from "../queue/channels";
import { decryptJson, encryptJson } from "../security/secret-box";
import type { OAuth2Settings } from "../definition/schema";
import { clientSecretFor } from "./client-secret";
import { ProviderRefusal, requestTokens, type TokenSet } from "./token-endpoint";

/** what a step gets for an oauth2 credential (never the refresh token) */
export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt?: string;
  scope?: string;
}

export const REFRESH_MARGIN_MS = 60_000;

export class ConnectionUnusable extends Error {}

interface ConnectionRow {
  id: string;
  integration_id: string;
  instance_id: string | null;
  config_var_key: string;
  status: string;
  tokens: string | null;
  access_token_expires_at: Date | null;
  provider: OAuth2Settings;
}

const COLUMNS = `id, integration_id, instance_id, config_var_key, status, tokens, access_token_expires_at, provider`;
const fresh = (row: ConnectionRow, marginMs: number) =>
  !row.access_token_expires_at || row.access_token_expires_at.getTime() - Date.now() > marginMs;
const toAccess = (t: TokenSet): AccessToken => ({
  accessToken: t.accessToken,
  tokenType: t.tokenType,
  expiresAt: t.expiresAt,
  scope: t.scope,
});

function usable(row: ConnectionRow | undefined, id: string): asserts row is ConnectionRow & { tokens: string } {
  if (!row) throw new ConnectionUnusable(`OAuth 2.0 connection ${id} no longer exists: connect again`);
  if (row.status === "needs_reauthorization")
    throw new ConnectionUnusable(`the OAuth 2.0 connection "${row.config_var_key}" needs re-authorization: reconnect it on the instance`);
  if (row.status !== "connected" || !row.tokens)
    throw new ConnectionUnusable(`the OAuth 2.0 connection "${row.config_var_key}" was never completed: press Connect`);
}

export async function freshAccessToken(pool: pg.Pool, connectionId: string, marginMs = REFRESH_MARGIN_MS): Promise<AccessToken> {
  const { rows } = await pool.query<ConnectionRow>(`select ${COLUMNS} from oauth2_connections where id = $1`, [connectionId]);
  const seen = rows[0];
  usable(seen, connectionId);
  if (fresh(seen, marginMs)) return toAccess(decryptJson<TokenSet>(seen.tokens));

  const client = await pool.connect();
  let refused: { instanceId: string | null } | undefined;
  try {
    await client.query("begin");
    const locked = (await client.query<ConnectionRow>(`select ${COLUMNS} from oauth2_connections where id = $1 for update`, [connectionId]))
      .rows[0];
    usable(locked, connectionId);
    const current = decryptJson<TokenSet>(locked.tokens);
    // another run refreshed it while this one waited for the lock
    if (fresh(locked, marginMs)) {
      await client.query("commit");
      return toAccess(current);
    }
    if (!current.refreshToken) {
      await markNeedsReauthorization(client, connectionId, "the access token expired and the provider gave no refresh token");
      await client.query("commit");
      refused = { instanceId: locked.instance_id };
      throw new ConnectionUnusable(`the OAuth 2.0 connection "${locked.config_var_key}" expired and cannot be refreshed: reconnect it`);
    }
    let next: TokenSet;
    try {
      next = await requestTokens(
        {
          tokenUrl: locked.provider.tokenUrl,
          clientId: locked.provider.clientId,
          clientSecret: await clientSecretFor(client, locked.integration_id, locked.config_var_key),
        },
        { grant_type: "refresh_token", refresh_token: current.refreshToken },
        current,
      );
    } catch (err) {
      if (!(err instanceof ProviderRefusal)) throw err; // unreachable provider: the connection may still be good
      await markNeedsReauthorization(client, connectionId, `refresh refused: ${err.message}`);
      await client.query("commit");
      refused = { instanceId: locked.instance_id };
      throw new ConnectionUnusable(`the OAuth 2.0 connection "${locked.config_var_key}" needs re-authorization: ${err.message}`);
    }
    await client.query(
      `update oauth2_connections set tokens = $2, access_token_expires_at = $3, last_refreshed_at = now(), last_error = null, updated_at = now() where id = $1`,
      [connectionId, encryptJson(next), next.expiresAt ?? null],
    );
    await client.query("commit");
    return toAccess(next);
  } catch (err) {
    if (!refused) await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
    // the leader raises the connection's alert when it hears of its instance
    if (refused?.instanceId) await pool.query(`select pg_notify($1, $2)`, [CHANNELS.instances, refused.instanceId]).catch(() => {});
  }
}

async function markNeedsReauthorization(client: pg.PoolClient, connectionId: string, reason: string): Promise<void> {
  await client.query(`update oauth2_connections set status = 'needs_reauthorization', last_error = $2, updated_at = now() where id = $1`, [
    connectionId,
    reason.slice(0, 500),
  ]);
}

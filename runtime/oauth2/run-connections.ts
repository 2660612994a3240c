/**
 * A run's OAuth 2.0 connections: the `{ connectionId }` config values of its oauth2 variables are
 * replaced by access tokens before the run starts, and renewed before any action step once one
 * is about to expire (a long run outlives a token).
 */
import type pg from "pg";
import { configVarsOf } from "../config/config-values";
import type { Definition } from "../definition/schema";
import type { CredentialRenewer } from "../executor/types";
import { freshAccessToken, REFRESH_MARGIN_MS } from "./fresh-token";

const connectionIdOf = (value: unknown) =>
  value !== null && typeof value === "object" && typeof (value as { connectionId?: unknown }).connectionId === "string"
    ? (value as { connectionId: string }).connectionId
    : undefined;

/** undefined when the run has no connection (nothing is read, nothing is checked per step) */
export async function resolveConnections(
  pool: pg.Pool,
  definition: Definition,
  configVars: Record<string, unknown>,
): Promise<CredentialRenewer | undefined> {
  const connections: [key: string, id: string][] = [];
  for (const v of configVarsOf(definition.configPages)) {
    if (v.type !== "credential" || v.credentialType !== "oauth2") continue;
    const id = connectionIdOf(configVars[v.key]);
    if (id) connections.push([v.key, id]);
  }
  if (connections.length === 0) return undefined;

  const expiries = new Map<string, number>();
  const handedOut: string[] = [];
  const load = async (target: Record<string, unknown>, key: string, id: string) => {
    const token = await freshAccessToken(pool, id);
    target[key] = token;
    handedOut.push(token.accessToken);
    expiries.set(key, token.expiresAt ? Date.parse(token.expiresAt) : Infinity);
  };
  const isDue = (key: string) => (expiries.get(key) ?? 0) - Date.now() <= REFRESH_MARGIN_MS;
  await Promise.all(connections.map(([key, id]) => load(configVars, key, id)));
  return {
    due: () => connections.some(([key]) => isDue(key)),
    renew: async (target) => {
      await Promise.all(connections.filter(([key]) => isDue(key)).map(([key, id]) => load(target, key, id)));
    },
    secrets: () => handedOut,
  };
}

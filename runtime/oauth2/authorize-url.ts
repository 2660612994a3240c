/**
 * The start of an authorization-code grant: a `state` only its hash is kept of, and a PKCE
 * verifier (S256) unless the variable turned PKCE off.
 */
import { createHash, randomBytes } from "node:crypto";
import type { OAuth2Settings } from "../definition/schema";
import { publicUrl } from "../config/public-url";

export const STATE_TTL_MS = 10 * 60_000;
export const redirectUri = () => `${publicUrl()}/oauth2/callback`;
export const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

export function newAuthorization(provider: OAuth2Settings): { url: string; stateHash: string; verifier?: string } {
  const state = randomBytes(32).toString("base64url");
  const url = new URL(provider.authorizeUrl);
  for (const [name, value] of Object.entries(provider.authorizeParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("state", state);
  if (provider.scopes?.trim()) url.searchParams.set("scope", provider.scopes.trim());
  let verifier: string | undefined;
  if (provider.pkce !== false) {
    verifier = randomBytes(32).toString("base64url");
    url.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    url.searchParams.set("code_challenge_method", "S256");
  }
  return { url: url.toString(), stateHash: hashState(state), verifier };
}

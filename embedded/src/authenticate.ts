import { JunctionError } from "./errors";
import type { Session } from "./types";

export interface ActiveSession extends Session {
  /** Junction's base URL, without a trailing slash */
  base: string;
  /** Junction's origin: the only one whose messages are accepted */
  origin: string;
  token: string;
}

let active: ActiveSession | null = null;

export function activeSession(): ActiveSession {
  if (!active) throw new JunctionError("not_authenticated", "call junction.authenticate({ url, token }) first, and wait for it");
  return active;
}

/** Junction's base URL, checked: http(s), no query or fragment. */
export function baseUrl(url: string): { base: string; origin: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new JunctionError("invalid_url", `url: "${url}" is not a URL like https://junction.example.com`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new JunctionError("invalid_url", "url: Junction is reached over http(s)");
  if (parsed.search || parsed.hash) throw new JunctionError("invalid_url", "url: give Junction's address without a query or fragment");
  return { base: `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`, origin: parsed.origin };
}

/**
 * Trades the JWT the host's backend signed for an embedded session, once (a JWT signs in once:
 * retrying it would only be refused as replayed). Rejects with the server's code and message.
 */
export async function authenticate({ url, token }: { url: string; token: string }): Promise<Session> {
  const { base, origin } = baseUrl(url);
  if (typeof token !== "string" || !token) throw new JunctionError("malformed_token", "token: the JWT your backend signed, as a string");
  let res: Response;
  try {
    // no cookies: the session is the bearer token this answers, nothing else
    res = await fetch(`${base}/api/embedded/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
      credentials: "omit",
      mode: "cors",
    });
  } catch (err) {
    throw new JunctionError(
      "network_error",
      `could not reach Junction at ${base} (is it running, and is this page's origin in Settings → Embedding → Allowed origins?): ${(err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || !body || typeof body.sessionToken !== "string") {
    const code = typeof body?.error === "string" ? body.error : `http_${res.status}`;
    const message = typeof body?.message === "string" ? body.message : `Junction refused the sign-in (HTTP ${res.status})`;
    throw new JunctionError(code, message, res.status);
  }
  const session = { expiresAt: body.expiresAt, user: body.user, customer: body.customer } as Session;
  active = { ...session, base, origin, token: body.sessionToken };
  return session;
}

/** forgets the session (the views already open keep theirs until it expires) */
export function signOut(): void {
  active = null;
}

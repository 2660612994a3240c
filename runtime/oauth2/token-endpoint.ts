/**
 * Calls to a provider's token endpoint (RFC 6749 §4.1.3 code exchange, §6 refresh), from the
 * host: client_secret_basic when the organization set a secret, else a public client (PKCE).
 * Bounded in time and size — a provider is another party's server.
 */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** ISO time the access token expires, when the provider said */
  expiresAt?: string;
}

/** The provider answered and refused (invalid_grant, invalid_client, …): asking again will not help. */
export class ProviderRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 256 * 1024;

async function readLimited(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(`the token endpoint's answer is over ${MAX_BYTES / 1024} KB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface TokenClient {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
}

export async function requestTokens(client: TokenClient, params: Record<string, string>, previous?: TokenSet): Promise<TokenSet> {
  const form = new URLSearchParams(params);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (client.clientSecret) {
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
  } else {
    form.set("client_id", client.clientId);
  }
  let res: Response;
  let text: string;
  try {
    res = await fetch(client.tokenUrl, { method: "POST", headers, body: form, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await readLimited(res);
  } catch (err) {
    throw new Error(`the token endpoint ${new URL(client.tokenUrl).origin} could not be reached: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // described below
  }
  if (res.status === 400 || res.status === 401) {
    const error = typeof body.error === "string" ? body.error : `http_${res.status}`;
    const description = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
    throw new ProviderRefusal(res.status, error, `the provider refused (${error}${description})`);
  }
  if (!res.ok) throw new Error(`the token endpoint answered HTTP ${res.status}`);
  if (typeof body.access_token !== "string" || !body.access_token) throw new Error("the token endpoint's answer has no access_token");
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    // a provider that does not rotate refresh tokens sends none with a refresh: the old one stays good
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : previous?.refreshToken,
    tokenType: typeof body.token_type === "string" ? body.token_type : "Bearer",
    scope: typeof body.scope === "string" ? body.scope : previous?.scope,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : undefined,
  };
}

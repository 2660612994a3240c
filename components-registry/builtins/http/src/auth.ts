/**
 * The `auth` credential, recognized by its fields:
 *   basic `{ username, password }` · apiKey `{ key, headerName? }` (header X-API-Key) ·
 *   bearer `{ token }` · oauth2ClientCredentials `{ tokenUrl, clientId, clientSecret, scopes? }`
 *   (a token is fetched for the call).
 */
import type { ActionContext, Credential } from "../../../sdk";

function base64Utf8(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export async function authHeaders(
  auth: Credential | undefined,
  context: ActionContext,
  timeoutMs?: number,
): Promise<Record<string, string>> {
  if (!auth) return {};
  if (str(auth.token) || str(auth.accessToken)) return { authorization: `Bearer ${str(auth.token) ?? str(auth.accessToken)}` };
  if (str(auth.tokenUrl)) return { authorization: `Bearer ${await clientCredentialsToken(auth, context, timeoutMs)}` };
  if (str(auth.key)) return { [str(auth.headerName) ?? "X-API-Key"]: auth.key as string };
  if (str(auth.username) !== undefined && typeof auth.password === "string") {
    return { authorization: `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}` };
  }
  throw new Error(
    "The auth credential is not one of: basic { username, password }, apiKey { key, headerName? }, bearer { token }, oauth2ClientCredentials { tokenUrl, clientId, clientSecret, scopes? }",
  );
}

async function clientCredentialsToken(auth: Credential, context: ActionContext, timeoutMs?: number): Promise<string> {
  const clientId = str(auth.clientId);
  const clientSecret = str(auth.clientSecret);
  if (!clientId || !clientSecret) throw new Error("The OAuth 2.0 credential needs clientId and clientSecret");
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  const scopes = Array.isArray(auth.scopes) ? auth.scopes.join(" ") : str(auth.scopes);
  if (scopes) form.set("scope", scopes);
  const res = await context.fetch(auth.tokenUrl as string, {
    method: "POST",
    headers: {
      authorization: `Basic ${base64Utf8(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`)}`,
      accept: "application/json",
    },
    body: form,
    timeoutMs,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`The OAuth 2.0 token request failed: HTTP ${res.status} ${text.slice(0, 200)}`);
  let token: unknown;
  try {
    token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== "string" || token === "") throw new Error("The OAuth 2.0 token response has no access_token");
  return token;
}

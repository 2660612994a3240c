/**
 * POST { token: <JWT> } → an embedded session for the customer user the token names (see
 * services/embedding/sign-in.ts). Called from the host page by the browser package, so it answers
 * CORS for the organization's allowed origins — and refuses a browser call from any other origin.
 */
import { servicesContext } from "@/app/_server/trpc";
import { getEmbeddingSettings, type EmbeddingSettings } from "@/app/_server/services/embedding/settings";
import { signInWithJwt } from "@/app/_server/services/embedding/sign-in";
import { SignInRefused } from "@/app/_server/services/embedding/verify-jwt";

export const dynamic = "force-dynamic";

async function corsHeaders(
  req: Request,
  { allowedOrigins }: EmbeddingSettings,
): Promise<{ headers: Record<string, string>; allowed: boolean }> {
  const origin = req.headers.get("origin");
  const headers: Record<string, string> = { vary: "origin", "cache-control": "no-store" };
  // a server-to-server call (no Origin) is the software company's backend: nothing to check
  if (!origin) return { headers, allowed: true };
  const self = new URL(req.url).origin;
  if (origin !== self && !allowedOrigins.includes(origin.toLowerCase())) return { headers, allowed: false };
  return {
    headers: {
      ...headers,
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "POST",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "600",
    },
    allowed: true,
  };
}

const reply = (status: number, body: unknown, headers: Record<string, string>) =>
  new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });

export async function OPTIONS(req: Request) {
  const { headers, allowed } = await corsHeaders(req, await getEmbeddingSettings(servicesContext().db));
  return new Response(null, { status: allowed ? 204 : 403, headers });
}

export async function POST(req: Request) {
  const { db } = servicesContext();
  // read once: the CORS answer and the sign-in (auto-create, session length) use them
  const settings = await getEmbeddingSettings(db);
  const { headers, allowed } = await corsHeaders(req, settings);
  if (!allowed)
    return reply(
      403,
      { error: "origin_not_allowed", message: `${req.headers.get("origin")} is not an allowed origin: add it in Settings → Embedding` },
      headers,
    );
  let token: unknown;
  try {
    token = ((await req.json()) as { token?: unknown }).token;
  } catch {
    return reply(400, { error: "malformed_request", message: 'send JSON: { "token": "<the JWT>" }' }, headers);
  }
  if (typeof token !== "string") return reply(400, { error: "malformed_request", message: "token: the signed JWT, as a string" }, headers);
  try {
    return reply(200, await signInWithJwt(db, token, settings), headers);
  } catch (err) {
    if (err instanceof SignInRefused) return reply(401, { error: err.code, message: err.message }, headers);
    throw err;
  }
}

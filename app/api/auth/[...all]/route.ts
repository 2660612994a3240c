import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/app/_server/auth/auth";
import { servicesContext } from "@/app/_server/trpc";
import { createSignInLimiter } from "@/app/_server/auth/sign-in-limiter";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";

const handler = () => toNextJsHandler(getAuth(servicesContext().db));

const LIMITER = Symbol.for("junction.signInLimiter");
const limiter = () => ((globalThis as { [LIMITER]?: ReturnType<typeof createSignInLimiter> })[LIMITER] ??= createSignInLimiter());

export const GET = (req: Request) => handler().GET(req);

/** Password sign-in goes through the per-account and per-address failure limits; the rest straight to better-auth. */
export async function POST(req: Request): Promise<Response> {
  if (process.env.JUNCTION_AUTH_RATE_LIMIT === "off" || !new URL(req.url).pathname.endsWith("/sign-in/email")) return handler().POST(req);
  const email = await req
    .clone()
    .json()
    .then(
      (b: { email?: unknown }) => (typeof b?.email === "string" ? b.email : ""),
      () => "",
    );
  const address = req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const wait = limiter().retryAfter(email, address);
  if (wait !== null) {
    return Response.json(
      { code: "TOO_MANY_ATTEMPTS", message: `too many failed sign-ins for this account or from this address: try again in ${wait} s` },
      { status: 429, headers: { "retry-after": String(wait) } },
    );
  }
  const res = await handler().POST(req);
  if (res.status === 401) limiter().failed(email, address);
  else if (res.ok) limiter().succeeded(email);
  return res;
}

import { AuthError, resolvePrincipal } from "../../../_server/auth/resolve-principal";
import { eventStreamResponse } from "../../../_server/services/monitoring/execution-events";

export const dynamic = "force-dynamic";

/**
 * Server-sent events of every execution, for lists that refresh while open. Customer users get
 * a bare "something changed" (no ids of other customers' runs); their list refetches in scope.
 */
export async function GET(req: Request) {
  let principal;
  try {
    principal = await resolvePrincipal(req.headers);
  } catch (err) {
    if (err instanceof AuthError) return Response.json({ error: err.message }, { status: 401 });
    throw err;
  }
  if (!principal) return Response.json({ error: "sign in or send an API token" }, { status: 401 });
  const org = principal.role !== "customer";
  return eventStreamResponse(req, "*", (e) => (org ? e : { type: e.type }));
}

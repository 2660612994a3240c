import { isCustomerRole } from "@/db/schema";
import { createContext } from "@/app/_server/trpc";
import { eventStreamResponse } from "@/app/_server/services/monitoring/execution-events";

export const dynamic = "force-dynamic";

/**
 * Server-sent events of every execution, for lists that refresh while open. Customer users get
 * a bare "something changed" (no ids of other customers' runs); their list refetches in scope.
 */
export async function GET(req: Request) {
  const ctx = await createContext({ headers: req.headers });
  if (ctx.authError) return Response.json({ error: ctx.authError }, { status: 401 });
  const principal = ctx.principal;
  if (!principal) return Response.json({ error: "sign in or send an API token" }, { status: 401 });
  const org = !isCustomerRole(principal.role);
  return eventStreamResponse(req, ctx.services.events, "*", (e) => (org ? e : { type: e.type }));
}

/**
 * The execution-result HTTP API (`GET /api/executions/<id>` and `…/result`) for API tokens and
 * signed-in users, shared by its two route handlers.
 */
import { isCustomerRole } from "@/db/schema";
import { PROTECTIVE_HEADERS } from "@/runtime/executions/response-headers";
import { canReachCustomer } from "../auth/principal";
import { createContext, type Context } from "../trpc";
import { ServiceError } from "../services/errors";
import { executionOwner } from "../services/executions/get-execution";

/** a JSON answer of the execution API: like a run's answers, never sniffed into a page of the app */
export const json = (status: number, body: unknown) => Response.json(body, { status, headers: PROTECTIVE_HEADERS });

/** Authenticates and checks scope; returns the request's context when the caller may see the execution, else the error response. */
export async function authorizeExecution(req: Request, id: string): Promise<Context | Response> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return json(404, { error: "execution not found" });
  const ctx = await createContext({ headers: req.headers });
  if (ctx.authError) return json(401, { error: ctx.authError });
  const principal = ctx.principal;
  if (!principal) return json(401, { error: "sign in or send an API token (Authorization: Bearer …)" });
  try {
    const owner = await executionOwner(ctx.db, id);
    if (!canReachCustomer(principal, owner.customerId) || (owner.isTest && isCustomerRole(principal.role))) {
      return json(403, { error: "this execution belongs to another customer" });
    }
  } catch (err) {
    if (err instanceof ServiceError && err.code === "NOT_FOUND") return json(404, { error: "execution not found" });
    throw err;
  }
  return ctx;
}

/**
 * The execution-result HTTP API (`GET /api/executions/<id>` and `…/result`) for API tokens and
 * signed-in users, shared by its two route handlers.
 */
import { getDatabase } from "../../../db/client";
import { PROTECTIVE_HEADERS } from "../../../runtime/executions/response-headers";
import { canReachCustomer, type Principal } from "../auth/principal";
import { AuthError, resolvePrincipal } from "../auth/resolve-principal";
import { ServiceError } from "../services/errors";
import { executionOwner } from "../services/executions/get-execution";

/** a JSON answer of the execution API: like a run's answers, never sniffed into a page of the app */
export const json = (status: number, body: unknown) => Response.json(body, { status, headers: PROTECTIVE_HEADERS });

/** Authenticates and checks scope; returns an error response, or null when the caller may see it. */
export async function authorizeExecution(req: Request, id: string): Promise<Response | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return json(404, { error: "execution not found" });
  let principal: Principal | null;
  try {
    principal = await resolvePrincipal(req.headers);
  } catch (err) {
    if (err instanceof AuthError) return json(401, { error: err.message });
    throw err;
  }
  if (!principal) return json(401, { error: "sign in or send an API token (Authorization: Bearer …)" });
  try {
    const owner = await executionOwner(getDatabase().db, id);
    if (!canReachCustomer(principal, owner.customerId) || (owner.isTest && principal.role === "customer")) {
      return json(403, { error: "this execution belongs to another customer" });
    }
  } catch (err) {
    if (err instanceof ServiceError && err.code === "NOT_FOUND") return json(404, { error: "execution not found" });
    throw err;
  }
  return null;
}

/**
 * Authentication for the integration HTTP routes (attachment upload and download), for API tokens
 * and signed-in users: organization users may read, builders and admins may change.
 */
import { ORG_ROLES, type Principal } from "../auth/principal";
import { createContext, type Context } from "../trpc";
import { ServiceError, type ServiceErrorCode } from "../services/errors";
import { notAllowedMessage } from "../error-messages";

export const jsonError = (status: number, error: string) => Response.json({ error }, { status });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The request's context with its caller, or the error response to answer instead. */
export async function authorizeIntegrationRequest(
  req: Request,
  access: "read" | "change",
): Promise<(Context & { principal: Principal }) | Response> {
  const ctx = await createContext({ headers: req.headers });
  if (ctx.authError) return jsonError(401, ctx.authError);
  const principal = ctx.principal;
  if (!principal) return jsonError(401, "sign in or send an API token (Authorization: Bearer …)");
  const roles: readonly string[] = access === "read" ? ORG_ROLES : ["admin", "builder"];
  if (!roles.includes(principal.role)) return jsonError(403, notAllowedMessage(roles));
  return { ...ctx, principal };
}

const STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
};

/** A service's expected failure as a JSON error with its status; anything else is rethrown (a 500). */
export function serviceErrorResponse(err: unknown): Response {
  if (err instanceof ServiceError) return jsonError(STATUS[err.code], err.message);
  throw err;
}

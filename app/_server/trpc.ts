import { randomBytes } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { processServices, type Services } from "@/server/services";
import type { UserRole } from "@/db/schema";
import { AuthError, resolvePrincipal } from "./auth/resolve-principal";
import { canReachCustomer, type Principal } from "./auth/principal";
import { ServiceError } from "./services/errors";
import { describeInputError, describeIssue, notAllowedMessage, splitFieldPrefix } from "./error-messages";

export interface Context {
  /** the process's database and runtime (server/services.ts) */
  services: Services;
  /** services.db */
  db: Db;
  principal: Principal | null;
  /** set when the request carried a bad bearer token: reported as 401, never as anonymous */
  authError?: string;
  headers: Headers;
}

/** The request's context without its caller: what a handler needs before or without signing in. */
export function servicesContext(services: Services = processServices()): Pick<Context, "services" | "db"> {
  return { services, db: services.db };
}

/** The request's context: the process's services and the caller its headers sign in as. */
export async function createContext({ headers, services }: { headers: Headers; services?: Services }): Promise<Context> {
  const base = servicesContext(services);
  try {
    return { ...base, principal: await resolvePrincipal(base.db, headers), headers };
  } catch (err) {
    if (err instanceof AuthError) return { ...base, principal: null, authError: err.message, headers };
    throw err;
  }
}

/**
 * An unexpected error's own message may hold SQL and its parameters (drizzle's "Failed query: …"),
 * paths or secrets: the caller gets a reference to quote, the server log the details.
 */
function internalMessage(error: TRPCError): string {
  const reference = randomBytes(4).toString("hex");
  console.error(`[api] internal error ${reference}:`, error.cause ?? error);
  return `internal error (reference ${reference}); the server log has the details`;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : undefined;
    const service = error.cause instanceof ServiceError ? error.cause : undefined;
    const internal = error.code === "INTERNAL_SERVER_ERROR" && !service;
    // a refusal with a list of problems keeps its message: each problem says where it is (definition paths, config keys)
    const refusal = !zod && !internal && !service?.problems ? splitFieldPrefix(shape.message) : undefined;
    return {
      ...shape,
      // what to do, in words: never the field's internal path
      message: zod ? describeInputError(zod) : internal ? internalMessage(error) : (refusal?.message ?? shape.message),
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // where each message belongs, for a form that shows it by its field
        fieldErrors: zod
          ? zod.issues.map((i) => ({ path: i.path.map(String), message: describeIssue(i) }))
          : refusal?.field
            ? [{ path: [refusal.field], message: refusal.message }]
            : undefined,
        // definition errors, invalid config values: every problem with its path (and line)
        problems: service?.problems,
        // never a stack trace to the client
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Service errors become tRPC errors with the same status; anything else stays a 500. */
const mapServiceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ServiceError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapServiceErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "sign in first (or send an API token)" });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** Procedures for organization users with one of the given roles. */
export function roleProcedure(...roles: UserRole[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.principal.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: notAllowedMessage(roles) });
    }
    return next();
  });
}

export const orgProcedure = roleProcedure("admin", "builder", "support");
/** deploying, changing and deleting instances: their customer's users and the organization, but not support (which looks only) */
export const instanceWriteProcedure = roleProcedure("admin", "builder", "customer");
export const builderProcedure = roleProcedure("admin", "builder");
export const adminProcedure = roleProcedure("admin");

/** Throws 403 unless the principal may reach the given customer's rows. */
export function assertCustomerScope(principal: Principal, customerId: string | null | undefined): void {
  if (!canReachCustomer(principal, customerId)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to another customer" });
  }
}

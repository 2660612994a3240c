import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isCustomerRole, oauth2Connections } from "@/db/schema";
import { decryptJson } from "@/runtime/security/secret-box";
import type { TokenSet } from "@/runtime/oauth2/token-endpoint";
import type { Principal } from "../../auth/principal";
import { notFound } from "../errors";

/**
 * A connection the caller may see or restart: a customer's user only its customer's (never a
 * designer test connection); an organization user any. Another's is "not found", as a made-up id.
 */
export async function reachableConnection(db: Db, principal: Principal, connectionId: string) {
  const [row] = await db.select().from(oauth2Connections).where(eq(oauth2Connections.id, connectionId));
  if (!row || (isCustomerRole(principal.role) && (!row.customerId || row.customerId !== principal.customerId)))
    throw notFound("connection");
  return row;
}

/** What anyone may see of a connection: never its tokens, its state or its verifier. */
export function connectionView(row: typeof oauth2Connections.$inferSelect) {
  return {
    id: row.id,
    configVarKey: row.configVarKey,
    status: row.status,
    lastError: row.lastError,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    /** the scope the provider granted (the tokens stay sealed) */
    scope: row.tokens ? (decryptJson<TokenSet>(row.tokens).scope ?? null) : null,
    lastRefreshedAt: row.lastRefreshedAt,
    updatedAt: row.updatedAt,
  };
}

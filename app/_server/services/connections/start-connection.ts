/**
 * Starts (or restarts, for a connection needing re-authorization) an authorization-code grant:
 * the browser opens the provider's authorize URL this returns, in a popup, and the provider sends
 * the user back to /oauth2/callback with the `state` only this connection's row knows the hash of.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isCustomerRole, oauth2Connections } from "@/db/schema";
import { newAuthorization, STATE_TTL_MS } from "@/runtime/oauth2/authorize-url";
import { encryptSecret } from "@/runtime/security/secret-box";
import type { Principal } from "../../auth/principal";
import { notFound, ServiceError } from "../errors";
import { isReadableByCustomer } from "../marketplace/visibility";
import { definitionFor, oauth2VariableOf } from "./oauth2-variable";
import { reachableConnection } from "./reachable-connection";

export type StartInput = { connectionId: string } | { integrationId: string; configVarKey: string; customerId?: string; test?: boolean };

export async function startConnection(
  db: Db,
  principal: Principal,
  input: StartInput,
): Promise<{ connectionId: string; authorizeUrl: string }> {
  if ("connectionId" in input) {
    const row = await reachableConnection(db, principal, input.connectionId);
    return authorize(db, row.id, row.provider);
  }
  const test = !!input.test;
  let customerId: string | null;
  if (isCustomerRole(principal.role)) {
    if (test) throw new ServiceError("FORBIDDEN", "test connections are the designer's");
    customerId = principal.customerId;
    if (!customerId || (input.customerId && input.customerId !== customerId))
      throw new ServiceError("FORBIDDEN", "this belongs to another customer");
    // the same answer for what does not exist and what is not for this customer
    if (!(await isReadableByCustomer(db, input.integrationId, customerId))) throw notFound("integration");
  } else {
    if (test === !!input.customerId)
      throw new ServiceError("BAD_REQUEST", "customerId: give the customer the connection is for, or test: true for the designer");
    customerId = input.customerId ?? null;
  }
  const variable = oauth2VariableOf(await definitionFor(db, input.integrationId, test), input.configVarKey);
  const [row] = await db
    .insert(oauth2Connections)
    .values({
      integrationId: input.integrationId,
      customerId,
      configVarKey: variable.key,
      provider: variable.oauth2,
      createdBy: principal.userId,
    })
    .returning({ id: oauth2Connections.id });
  return authorize(db, row!.id, variable.oauth2);
}

async function authorize(db: Db, connectionId: string, provider: Parameters<typeof newAuthorization>[0]) {
  const { url, stateHash, verifier } = newAuthorization(provider);
  await db
    .update(oauth2Connections)
    .set({
      stateHash,
      codeVerifier: verifier ? encryptSecret(verifier) : null,
      stateExpiresAt: new Date(Date.now() + STATE_TTL_MS),
      updatedAt: sql`now()`,
    })
    .where(eq(oauth2Connections.id, connectionId));
  return { connectionId, authorizeUrl: url };
}

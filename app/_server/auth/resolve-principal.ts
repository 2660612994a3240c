import type { Db } from "@/db/client";
import { authenticateEmbeddedSession, EMBEDDED_SESSION_PREFIX } from "../services/embedding/embedded-session";
import { authenticateToken } from "../services/tokens/authenticate-token";
import { getAuth } from "./auth";
import type { Principal } from "./principal";

export class AuthError extends Error {}

/**
 * Reads the caller from request headers: `Authorization: Bearer <token>` first (CLI, HTTP API;
 * `jes_…`: an embedded view's session),
 * then the session cookie. A bearer token that is wrong or revoked is an error, not anonymous.
 */
export async function resolvePrincipal(db: Db, headers: Headers): Promise<Principal | null> {
  const authz = headers.get("authorization");
  if (authz?.toLowerCase().startsWith("bearer ")) {
    const token = authz.slice(7).trim();
    if (token.startsWith(EMBEDDED_SESSION_PREFIX)) {
      const principal = await authenticateEmbeddedSession(db, token);
      if (!principal) throw new AuthError("the embedded session has expired or was revoked: sign in again through your product");
      return principal;
    }
    const principal = await authenticateToken(db, token);
    if (!principal) throw new AuthError("the API token is invalid, expired or revoked");
    return principal;
  }
  const session = await getAuth(db).api.getSession({ headers });
  if (!session) return null;
  const u = session.user as typeof session.user & { role: Principal["role"]; customerId?: string | null; deactivatedAt?: Date | null };
  // deactivation deletes its sessions; one made by a sign-in racing it is refused here
  if (u.deactivatedAt) return null;
  return { userId: u.id, email: u.email, name: u.name, role: u.role, customerId: u.customerId ?? null, via: "session" };
}

import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Principal } from "@/app/_server/auth/principal";
import { hashToken, TOKEN_PREFIX } from "./token-format";

/** The principal a live token acts for, or null for an unknown, expired or revoked token. */
export async function authenticateToken(db: Db, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .returning({ tokenId: apiTokens.id, userId: apiTokens.userId, expiresAt: apiTokens.expiresAt });
  if (!row) return null;
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    customerId: user.customerId,
    via: "token",
    tokenId: row.tokenId,
    tokenExpiresAt: row.expiresAt,
  };
}

/**
 * Sessions opened by a JWT sign-in. The embedded views carry the token as a bearer header (a
 * cookie set inside a third-party iframe is blocked by browsers); only its SHA-256 is stored.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { embeddedSessions, users } from "@/db/schema";
import type { Principal } from "@/app/_server/auth/principal";
import { hashToken } from "../tokens/token-format";

export const EMBEDDED_SESSION_PREFIX = "jes_";

export async function openEmbeddedSession(db: Db, userId: string, minutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = EMBEDDED_SESSION_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await db.insert(embeddedSessions).values({ userId, tokenHash: hashToken(token), expiresAt });
  // sessions long over are of no use to anyone: each sign-in clears a few
  await db.execute(
    sql`delete from embedded_sessions where id in (select id from embedded_sessions where expires_at < now() - interval '1 day' limit 100)`,
  );
  return { token, expiresAt };
}

/** The customer user a live embedded session acts for, or null. */
export async function authenticateEmbeddedSession(db: Db, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({ user: users, expiresAt: embeddedSessions.expiresAt })
    .from(embeddedSessions)
    .innerJoin(users, eq(users.id, embeddedSessions.userId))
    .where(
      and(eq(embeddedSessions.tokenHash, hashToken(token)), isNull(embeddedSessions.revokedAt), gt(embeddedSessions.expiresAt, sql`now()`)),
    );
  if (!row) return null;
  const u = row.user;
  return {
    userId: u.id,
    email: u.contactEmail ?? u.email,
    name: u.name,
    role: u.role,
    customerId: u.customerId,
    via: "embedded",
    tokenExpiresAt: row.expiresAt,
  };
}

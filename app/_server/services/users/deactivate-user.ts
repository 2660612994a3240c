import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, embeddedSessions, sessions, users } from "@/db/schema";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ServiceError } from "../errors";
import { assertAnotherAdmin, findUserForUpdate, lockTeam } from "./team-rules";

/**
 * Deactivates a user: sign-in is refused from now on, and every session, API token and embedded
 * session it has is ended in the same transaction, so nothing it holds works a moment later.
 */
export async function deactivateUser(db: Db, id: string, actor: AuditActor) {
  if (id === actor.userId) throw new ServiceError("BAD_REQUEST", "you cannot deactivate yourself: ask another administrator");
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const user = await findUserForUpdate(tx, id);
    if (user.deactivatedAt)
      return { id: user.id, email: user.email, deactivatedAt: user.deactivatedAt, sessionsEnded: 0, tokensRevoked: 0 };
    if (user.role === "admin") await assertAnotherAdmin(tx, user.id, `Deactivating ${user.email}`);
    const now = new Date();
    await tx.update(users).set({ deactivatedAt: now, updatedAt: now }).where(eq(users.id, id));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    await tx
      .update(embeddedSessions)
      .set({ revokedAt: now })
      .where(and(eq(embeddedSessions.userId, id), isNull(embeddedSessions.revokedAt)));
    await recordAudit(tx, {
      actor,
      action: "user.deactivated",
      target: { type: "user", id, name: user.email },
      detail: { sessionsEnded: ended.length, tokensRevoked: revoked.length },
    });
    return { id, email: user.email, deactivatedAt: now, sessionsEnded: ended.length, tokensRevoked: revoked.length };
  });
}

/** Lets a deactivated user sign in again (its old tokens stay revoked). */
export async function reactivateUser(db: Db, id: string, actor: AuditActor) {
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const user = await findUserForUpdate(tx, id);
    if (!user.deactivatedAt) return { id, email: user.email, deactivatedAt: null };
    await tx.update(users).set({ deactivatedAt: null, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, { actor, action: "user.reactivated", target: { type: "user", id, name: user.email } });
    return { id, email: user.email, deactivatedAt: null };
  });
}

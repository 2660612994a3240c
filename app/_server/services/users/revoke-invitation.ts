import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations } from "@/db/schema";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ServiceError } from "../errors";

/** Revokes an open invitation: its link stops working. */
export async function revokeInvitation(db: Db, id: string, actor: AuditActor) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id, email: invitations.email });
    if (!row) throw new ServiceError("NOT_FOUND", "no open invitation with that id: it was accepted or revoked already");
    await recordAudit(tx, { actor, action: "user.invitation_revoked", target: { type: "invitation", id: row.id, name: row.email } });
    return row;
  });
}

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { ServiceError } from "../errors";
import { assertEmailFree, hashPassword, insertPasswordUser } from "./create-user";
import { hashInvitationToken } from "./invitation-token";

type InvitationRow = typeof invitations.$inferSelect;

function whyNotOpen(row: InvitationRow | undefined): string | null {
  if (!row) return "This invitation link is not valid: ask your administrator for a new one.";
  if (row.acceptedAt) return "This invitation was accepted already: sign in with the password chosen then.";
  if (row.revokedAt) return "This invitation was withdrawn: ask your administrator for a new one.";
  if (row.expiresAt.getTime() <= Date.now()) return "This invitation has expired: ask your administrator for a new one.";
  return null;
}

/** What the invitation page shows before the person accepts: the address, the role, who invited. */
export async function getInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, inviter: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  const problem = whyNotOpen(row?.invitation);
  if (problem) return { open: false as const, problem };
  const i = row!.invitation;
  return { open: true as const, email: i.email, role: i.role, invitedBy: row!.inviter, expiresAt: i.expiresAt };
}

/**
 * Accepts an invitation: creates the user with the invited role and a password, and uses the
 * link up, in one transaction (the row is locked, so the link works once even when sent twice).
 */
export async function acceptInvitation(db: Db, input: { token: string; name: string; password: string }) {
  const passwordHash = await hashPassword(db, input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashInvitationToken(input.token))))
      .for("update");
    const problem = whyNotOpen(row);
    if (problem) throw new ServiceError("PRECONDITION_FAILED", problem);
    await assertEmailFree(tx, row!.email);
    const user = await insertPasswordUser(tx, { email: row!.email, name: input.name.trim(), role: row!.role, passwordHash });
    await tx.update(invitations).set({ acceptedAt: new Date(), userId: user.id }).where(eq(invitations.id, row!.id));
    await recordAudit(tx, {
      actor: { userId: user.id, email: user.email, via: "invitation" },
      action: "user.joined",
      target: { type: "user", id: user.id, name: user.email },
      detail: { role: row!.role },
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}

import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, type TeamRole } from "@/db/schema";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { assertEmailFree, normalizeEmail } from "./create-user";
import { hashInvitationToken, INVITATION_DAYS, invitationUrl, newInvitationToken } from "./invitation-token";
import { sendInvitationEmail, type InvitationDelivery } from "./send-invitation-email";

/**
 * Invites someone to the team: a single-use link valid for INVITATION_DAYS. Inviting an address
 * again replaces its open invitation (the old link stops working). The link is returned this once
 * and mailed when SMTP is configured.
 */
export async function inviteUser(
  db: Db,
  input: { email: string; role: TeamRole },
  actor: AuditActor & { name: string },
): Promise<{ id: string; email: string; role: TeamRole; expiresAt: Date; url: string; delivery: InvitationDelivery }> {
  const email = normalizeEmail(input.email);
  const token = newInvitationToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const row = await db.transaction(async (tx) => {
    await assertEmailFree(tx, email);
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({ email, role: input.role, tokenHash: hashInvitationToken(token), invitedBy: actor.userId, expiresAt })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "user.invited",
      target: { type: "invitation", id: created!.id, name: email },
      detail: { role: input.role },
    });
    return created!;
  });
  const url = invitationUrl(token);
  const delivery = await sendInvitationEmail({ to: email, url, role: input.role, invitedBy: actor.name, expiresAt });
  return { id: row.id, email, role: input.role, expiresAt, url, delivery };
}

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isCustomerRole, users, type TeamRole } from "@/db/schema";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ServiceError } from "../errors";
import { ROLE_LABELS } from "./role-labels";
import { assertAnotherAdmin, findUserForUpdate, lockTeam } from "./team-rules";

/** The team member's role and/or name. The last administrator cannot be made anything else. */
export async function updateUser(db: Db, input: { id: string; role?: TeamRole; name?: string }, actor: AuditActor) {
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const user = await findUserForUpdate(tx, input.id);
    if (isCustomerRole(user.role)) {
      throw new ServiceError("BAD_REQUEST", "this is a customer's user: change it on its customer's page");
    }
    const changes: { role?: TeamRole; name?: string } = {};
    if (input.role && input.role !== user.role) changes.role = input.role;
    if (input.name !== undefined && input.name.trim() && input.name.trim() !== user.name) changes.name = input.name.trim();
    if (!changes.role && !changes.name) return { id: user.id, email: user.email, name: user.name, role: user.role, changed: false };
    if (changes.role && user.role === "admin")
      await assertAnotherAdmin(tx, user.id, `Making ${user.email} ${ROLE_LABELS[changes.role].toLowerCase()}`);
    const [updated] = await tx
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    if (changes.role) {
      await recordAudit(tx, {
        actor,
        action: "user.role_changed",
        target: { type: "user", id: user.id, name: user.email },
        detail: { from: user.role, to: changes.role },
      });
    }
    if (changes.name) {
      await recordAudit(tx, {
        actor,
        action: "user.updated",
        target: { type: "user", id: user.id, name: user.email },
        detail: { name: changes.name },
      });
    }
    return { id: updated!.id, email: updated!.email, name: updated!.name, role: updated!.role, changed: true };
  });
}

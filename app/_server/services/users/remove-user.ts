import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isCustomerRole, users } from "@/db/schema";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { ServiceError } from "../errors";
import { assertAnotherAdmin, findUserForUpdate, lockTeam } from "./team-rules";

/**
 * Removes a team member: the user, its sessions and tokens go; what it made (integrations,
 * versions) stays, without its name. The audit log keeps the address.
 */
export async function removeUser(db: Db, id: string, actor: AuditActor) {
  if (id === actor.userId) throw new ServiceError("BAD_REQUEST", "you cannot remove yourself: ask another administrator");
  return db.transaction(async (tx) => {
    await lockTeam(tx);
    const user = await findUserForUpdate(tx, id);
    if (isCustomerRole(user.role)) throw new ServiceError("BAD_REQUEST", "this is a customer's user: remove it on its customer's page");
    if (user.role === "admin" && !user.deactivatedAt) await assertAnotherAdmin(tx, user.id, `Removing ${user.email}`);
    await recordAudit(tx, { actor, action: "user.removed", target: { type: "user", id, name: user.email }, detail: { role: user.role } });
    await tx.delete(users).where(eq(users.id, id));
    return { id, email: user.email, removed: true };
  });
}

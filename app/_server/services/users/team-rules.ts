/**
 * Rules every change to the team obeys: changes are serialized (two administrators demoting each
 * other at once must not leave none), and the last active administrator stays one.
 */
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { DbOrTx } from "../audit/record-audit";
import { ServiceError } from "../errors";

/** Holds the team lock until the transaction ends. */
export async function lockTeam(tx: DbOrTx): Promise<void> {
  // a key of its own by name: the numbered keys 7342001-7342003 are taken (migrations, first admin, the scheduler's leader)
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('junction.team'))`);
}

/** Refuses when `userId` is the only active administrator; `doing` says what was asked, in words. */
export async function assertAnotherAdmin(tx: DbOrTx, userId: string, doing: string): Promise<void> {
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt), ne(users.id, userId)))
    .limit(1);
  if (!other) {
    throw new ServiceError("CONFLICT", `${doing} would leave no administrator: make another team member an administrator first`);
  }
}

/** The user a team change is about, locked for the transaction. */
export async function findUserForUpdate(tx: DbOrTx, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new ServiceError("NOT_FOUND", "no such user: it may have been removed");
  return user;
}

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ServiceError } from "../errors";
import { createUser } from "./create-user";

export async function countUsers(db: Db): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from users`);
  return (result.rows[0] as { n: number }).n;
}

/**
 * Creates the first admin while the database has no users. Serialized by an advisory lock so two
 * visitors (or two processes starting with JUNCTION_ADMIN_EMAIL) cannot both become it. The lock
 * is tried, not waited for: waiting callers would each hold a pooled connection while the one
 * with the lock needs another to create the user (10 at once emptied the pool and hung).
 */
export async function createFirstAdmin(db: Db, input: { email: string; name: string; password: string }) {
  return db.transaction(async (tx) => {
    const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(7342002) as ok`);
    if (!(locked.rows[0] as { ok: boolean }).ok) {
      throw new ServiceError("CONFLICT", "an administrator is being created right now: sign in instead");
    }
    if ((await countUsers(tx as unknown as Db)) > 0) {
      throw new ServiceError("CONFLICT", "an administrator already exists: sign in instead");
    }
    return createUser(db, { ...input, role: "admin" });
  });
}

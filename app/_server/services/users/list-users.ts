import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { TEAM_ROLES, users } from "@/db/schema";

const columns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  customerId: users.customerId,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
};

/** Every user; `team`: the organization's only (customer users are listed with their customer). */
export function listUsers(db: Db, options: { team?: boolean } = {}) {
  const query = db.select(columns).from(users);
  return (options.team ? query.where(inArray(users.role, [...TEAM_ROLES])) : query).orderBy(asc(users.email));
}

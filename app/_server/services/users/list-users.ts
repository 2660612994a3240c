import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      customerId: users.customerId,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.email));
}

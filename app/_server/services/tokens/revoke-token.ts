import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { ServiceError } from "../errors";

/** Revokes one of the user's tokens (admins may revoke anyone's). */
export async function revokeToken(db: Db, input: { id: string; userId: string; isAdmin: boolean }) {
  const owner = input.isAdmin ? undefined : eq(apiTokens.userId, input.userId);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt), owner))
    .returning({ id: apiTokens.id });
  if (!row) throw new ServiceError("NOT_FOUND", "token not found or already revoked");
  return row;
}

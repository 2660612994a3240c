import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { ServiceError } from "../errors";
import { hashToken, newToken } from "./token-format";

/**
 * Creates an API token for a user. The token itself is returned this once and never again. A
 * token made with another token (`mintedBy`: when that one expires) expires no later than it —
 * by default at the same time — so a leaked short-lived token cannot make itself permanent.
 */
export async function createToken(
  db: Db,
  input: { userId: string; name: string; expiresInDays?: number; mintedBy?: { expiresAt: Date | null } },
) {
  const token = newToken();
  let expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const limit = input.mintedBy?.expiresAt;
  if (limit) {
    if (expiresAt && expiresAt > limit) {
      const days = Math.floor((limit.getTime() - Date.now()) / 86_400_000);
      throw new ServiceError(
        "BAD_REQUEST",
        `expiresInDays: the token making this request expires on ${limit.toISOString()}; a token it creates cannot outlive it (at most ${days} days, or leave expiresInDays out)`,
      );
    }
    expiresAt ??= limit;
  }
  const [row] = await db
    .insert(apiTokens)
    .values({ name: input.name, userId: input.userId, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt });
  return { ...row!, token };
}

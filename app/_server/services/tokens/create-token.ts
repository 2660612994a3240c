import type { Db } from "../../../../db/client";
import { apiTokens } from "../../../../db/schema";
import { hashToken, newToken } from "./token-format";

/** Creates an API token for a user. The token itself is returned this once and never again. */
export async function createToken(db: Db, input: { userId: string; name: string; expiresInDays?: number }) {
  const token = newToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const [row] = await db
    .insert(apiTokens)
    .values({ name: input.name, userId: input.userId, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt })
    .returning({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt });
  return { ...row!, token };
}

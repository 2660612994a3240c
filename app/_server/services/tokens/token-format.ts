import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "jct_";

/** 256 random bits; only its SHA-256 is stored (a slow hash adds nothing at this entropy). */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

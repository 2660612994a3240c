/**
 * Verifies a customer user's sign-in JWT with the organization's key named by its `kid`: the
 * algorithm is the key's (never the token's choice), `exp`/`nbf`/`iat` are checked with a minute
 * of clock skew, a token lives at most ten minutes, and every refusal says what to fix.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { embedSigningKeys } from "@/db/schema";
import { decryptSecret } from "@/runtime/security/secret-box";

export const CLOCK_SKEW_SECONDS = 60;
export const MAX_LIFETIME_SECONDS = 600;

export type RefusalCode =
  | "malformed_token"
  | "missing_kid"
  | "unknown_kid"
  | "bad_algorithm"
  | "bad_signature"
  | "token_expired"
  | "token_not_yet_valid"
  | "invalid_claims"
  | "token_replayed"
  | "unknown_customer"
  | "origin_not_allowed";

export class SignInRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SignInClaims extends JWTPayload {
  sub: string;
  jti: string;
  exp: number;
  iat: number;
  customer: string;
  customer_name?: string;
  name?: string;
  email?: string;
  role?: string;
}

// one remote key set per URL: jose caches its keys and refetches on an unknown kid (rate-limited)
const remoteSets = new Map<string, JWTVerifyGetKey>();
const remoteSet = (url: string) => {
  let set = remoteSets.get(url);
  if (!set) remoteSets.set(url, (set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 })));
  return set;
};

export async function verifySignInToken(db: Db, token: string): Promise<{ claims: SignInClaims; kid: string }> {
  if (typeof token !== "string" || token.split(".").length !== 3)
    throw new SignInRefused("malformed_token", "token is not a JWT (three base64url parts separated by dots)");
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new SignInRefused("malformed_token", "the JWT's header is not valid base64url JSON");
  }
  if (!kid) throw new SignInRefused("missing_kid", "the JWT header has no kid: set it to a key id listed in Settings → Embedding");
  const [key] = await db
    .select()
    .from(embedSigningKeys)
    .where(and(eq(embedSigningKeys.kid, kid), isNull(embedSigningKeys.revokedAt)));
  if (!key)
    throw new SignInRefused(
      "unknown_kid",
      `no live signing key has kid "${kid}" (Settings → Embedding lists them; a revoked key signs nothing)`,
    );

  const algorithms = [key.algorithm];
  const options = { algorithms, clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ["sub", "exp", "iat", "jti"] };
  let claims: JWTPayload;
  try {
    if (key.jwksUrl) claims = (await jwtVerify(token, remoteSet(key.jwksUrl), options)).payload;
    else if (key.publicKey) claims = (await jwtVerify(token, await importSPKI(key.publicKey, "RS256"), options)).payload;
    else claims = (await jwtVerify(token, new TextEncoder().encode(decryptSecret(key.secret!)), options)).payload;
  } catch (err) {
    throw refusalOf(err, key.algorithm, kid);
  }
  await db
    .update(embedSigningKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(embedSigningKeys.id, key.id));
  return { claims: checkClaims(claims), kid };
}

function refusalOf(err: unknown, algorithm: string, kid: string): SignInRefused {
  if (err instanceof errors.JWTExpired)
    return new SignInRefused("token_expired", `the JWT expired (exp ${err.payload.exp}); sign a fresh one for each sign-in`);
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new SignInRefused("bad_algorithm", `key "${kid}" verifies ${algorithm} only; the JWT is signed with another algorithm`);
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new SignInRefused("bad_signature", `the signature does not verify with key "${kid}": signed with another key or altered`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "nbf" || (err.claim === "iat" && err.reason === "check_failed"))
      return new SignInRefused("token_not_yet_valid", `the JWT is not valid yet (${err.claim}); check the signing server's clock`);
    return new SignInRefused("invalid_claims", `claim ${err.claim}: ${err.message}`);
  }
  if (err instanceof errors.JWKSNoMatchingKey) return new SignInRefused("unknown_kid", `the JWKS of key "${kid}" has no key for it`);
  if (err instanceof errors.JOSEError) return new SignInRefused("malformed_token", `the JWT could not be verified: ${err.message}`);
  return new SignInRefused("malformed_token", `the JWT could not be verified: ${(err as Error).message}`);
}

function checkClaims(claims: JWTPayload): SignInClaims {
  const now = Math.floor(Date.now() / 1000);
  const problem = (message: string) => new SignInRefused("invalid_claims", message);
  if (typeof claims.sub !== "string" || !claims.sub.trim() || claims.sub.length > 200)
    throw problem("sub must be the user's id in your product (1-200 characters)");
  if (typeof claims.jti !== "string" || !claims.jti.trim() || claims.jti.length > 200)
    throw problem("jti must be a unique id for this token (1-200 characters)");
  if (typeof claims.customer !== "string" || !claims.customer.trim() || claims.customer.length > 200)
    throw problem("customer must be the customer's external id (as set on the customer in Junction)");
  if (claims.exp! - claims.iat! > MAX_LIFETIME_SECONDS)
    throw problem(`exp is ${claims.exp! - claims.iat!} s after iat; a sign-in token may live at most ${MAX_LIFETIME_SECONDS} s`);
  if (claims.iat! > now + CLOCK_SKEW_SECONDS)
    throw new SignInRefused("token_not_yet_valid", "iat is in the future; check the signing server's clock");
  for (const claim of ["name", "email", "role", "customer_name"] as const) {
    const v = claims[claim];
    if (v !== undefined && (typeof v !== "string" || v.length > 320)) throw problem(`${claim} must be a string of at most 320 characters`);
  }
  if (claims.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(claims.email as string)) throw problem("email is not an e-mail address");
  return claims as SignInClaims;
}

/**
 * The keys a software company signs its customer users' JWTs with: an RS256 public key (PEM or a
 * JWKS URL) or an HS256 shared secret (encrypted at rest, shown once when generated). Several may
 * be live at once, so a key can be rotated without a moment where sign-ins fail.
 */
import { randomBytes } from "node:crypto";
import { desc, eq, isNull, and, sql } from "drizzle-orm";
import { importSPKI } from "jose";
import { z } from "zod";
import type { Db } from "@/db/client";
import { embedSigningKeys, SIGNING_ALGORITHMS } from "@/db/schema";
import { encryptSecret } from "@/runtime/security/secret-box";
import { ServiceError } from "../errors";

export const addKeySchema = z
  .strictObject({
    name: z.string().trim().max(100).default(""),
    kid: z
      .string()
      .trim()
      .regex(/^[\w.:-]{1,100}$/, "kid: letters, digits, . _ : - (at most 100)")
      .optional(),
    algorithm: z.enum(SIGNING_ALGORITHMS),
    publicKey: z.string().trim().max(20_000).optional(),
    jwksUrl: z.string().trim().url("jwksUrl must be a URL").optional(),
    /** HS256: omitted → generated and returned once */
    secret: z.string().min(32, "secret: at least 32 characters").max(1000).optional(),
  })
  .superRefine((k, ctx) => {
    if (k.algorithm === "RS256" && !!k.publicKey === !!k.jwksUrl)
      ctx.addIssue({ code: "custom", path: ["publicKey"], message: "an RS256 key needs publicKey (PEM) or jwksUrl, one of them" });
    if (k.algorithm === "HS256" && (k.publicKey || k.jwksUrl))
      ctx.addIssue({ code: "custom", path: ["secret"], message: "an HS256 key is a shared secret, not a public key" });
    if (k.algorithm === "RS256" && k.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "an RS256 key has no secret" });
    if (k.jwksUrl && !/^https?:\/\//.test(k.jwksUrl))
      ctx.addIssue({ code: "custom", path: ["jwksUrl"], message: "jwksUrl must be http(s)" });
  });

export type AddKeyInput = z.input<typeof addKeySchema>;

export async function listSigningKeys(db: Db) {
  const rows = await db.select().from(embedSigningKeys).orderBy(desc(embedSigningKeys.createdAt));
  return rows.map((k) => ({
    id: k.id,
    kid: k.kid,
    name: k.name,
    algorithm: k.algorithm,
    source: k.jwksUrl ? ("jwks" as const) : k.publicKey ? ("publicKey" as const) : ("secret" as const),
    jwksUrl: k.jwksUrl,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

/** Adds a key; an HS256 key without a secret gets a generated one, returned this once. */
export async function addSigningKey(db: Db, input: AddKeyInput): Promise<{ id: string; kid: string; secret?: string }> {
  const parsed = addKeySchema.safeParse(input);
  if (!parsed.success) throw new ServiceError("BAD_REQUEST", parsed.error.issues.map((i) => i.message).join("; "));
  const k = parsed.data;
  if (k.publicKey) {
    try {
      await importSPKI(k.publicKey, "RS256");
    } catch (err) {
      throw new ServiceError(
        "BAD_REQUEST",
        `publicKey: not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----): ${(err as Error).message}`,
      );
    }
  }
  const generated = k.algorithm === "HS256" && !k.secret ? randomBytes(32).toString("base64url") : undefined;
  const secret = k.secret ?? generated;
  const kid = k.kid ?? `key-${randomBytes(6).toString("hex")}`;
  const [row] = await db
    .insert(embedSigningKeys)
    .values({
      kid,
      name: k.name,
      algorithm: k.algorithm,
      publicKey: k.publicKey ?? null,
      jwksUrl: k.jwksUrl ?? null,
      secret: secret ? encryptSecret(secret) : null,
    })
    .onConflictDoNothing({ target: embedSigningKeys.kid })
    .returning({ id: embedSigningKeys.id });
  if (!row) throw new ServiceError("CONFLICT", `kid: a key with kid "${kid}" exists; pick another kid`);
  return { id: row.id, kid, ...(generated ? { secret: generated } : {}) };
}

export async function revokeSigningKey(db: Db, id: string): Promise<void> {
  const [row] = await db
    .update(embedSigningKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(embedSigningKeys.id, id), isNull(embedSigningKeys.revokedAt)))
    .returning({ id: embedSigningKeys.id });
  if (!row) throw new ServiceError("NOT_FOUND", "no live signing key has this id");
}

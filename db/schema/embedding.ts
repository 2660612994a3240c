/**
 * Embedding (docs/embedding.md): the keys a software company signs customer users' JWTs with,
 * the JWT ids already used, the sessions those sign-ins open, and organization settings.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const SIGNING_ALGORITHMS = ["RS256", "HS256"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** One key per `kid`; the algorithm is pinned to the key, never taken from the token. */
export const embedSigningKeys = pgTable("embed_signing_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  kid: text("kid").notNull().unique(),
  name: text("name").notNull().default(""),
  algorithm: text("algorithm").$type<SigningAlgorithm>().notNull(),
  /** RS256: an SPKI PEM public key … */
  publicKey: text("public_key"),
  /** … or a JWKS URL the key with this kid is fetched from */
  jwksUrl: text("jwks_url"),
  /** HS256: the shared secret, encrypted (secret box) */
  secret: text("secret"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** `kid:jti` of every accepted JWT until it expires: a token signs in once. */
export const embedTokenUses = pgTable(
  "embed_token_uses",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("embed_token_uses_expires_idx").on(t.expiresAt)],
);

/** Sessions opened by a JWT sign-in: carried as a bearer token by the embedded views (no third-party cookie). */
export const embeddedSessions = pgTable(
  "embedded_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("embedded_sessions_user_idx").on(t.userId)],
);

/** Organization-wide settings, one JSON document per key (e.g. "embedding"). */
export const orgSettings = pgTable("org_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/**
 * A customer user's sign-in with a JWT its software company signed: the token is verified and
 * used once, its customer found by external id (or created, when the organization allows it),
 * the user found by (customer, sub) — never by e-mail, so no token can reach an organization
 * user or another customer's user — or created without a password, and an embedded session opened.
 */
import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, embedTokenUses, users, type UserRole } from "@/db/schema";
import { getEmbeddingSettings, type EmbeddingSettings } from "./settings";
import { openEmbeddedSession } from "./embedded-session";
import { CLOCK_SKEW_SECONDS, SignInRefused, verifySignInToken, type SignInClaims } from "./verify-jwt";

const ROLES: Record<string, UserRole> = { admin: "customer", "read-only": "customer_viewer", readonly: "customer_viewer" };

export interface EmbeddedSignIn {
  sessionToken: string;
  expiresAt: string;
  user: { id: string; name: string; email: string; role: UserRole };
  customer: { id: string; name: string; externalId: string | null };
}

/** `settings`: when the caller has read them already (the endpoint, for its CORS answer) */
export async function signInWithJwt(db: Db, token: string, settings?: EmbeddingSettings): Promise<EmbeddedSignIn> {
  const { claims, kid } = await verifySignInToken(db, token);
  const role = ROLES[claims.role ?? "read-only"];
  if (!role) throw new SignInRefused("invalid_claims", `role must be "admin" or "read-only", not "${claims.role}"`);
  settings ??= await getEmbeddingSettings(db);
  const customer = await findCustomer(db, claims, settings.autoCreateCustomers);
  await spendTokenId(db, kid, claims);
  const user = await upsertUser(db, customer.id, claims, role);
  const session = await openEmbeddedSession(db, user.id, settings.sessionMinutes);
  return {
    sessionToken: session.token,
    expiresAt: session.expiresAt.toISOString(),
    user: { id: user.id, name: user.name, email: user.contactEmail ?? "", role: user.role },
    customer: { id: customer.id, name: customer.name, externalId: customer.externalId },
  };
}

/** `kid:jti` recorded until the token could no longer verify anyway; a second use is refused. */
async function spendTokenId(db: Db, kid: string, claims: SignInClaims): Promise<void> {
  const [fresh] = await db
    .insert(embedTokenUses)
    .values({ id: `${kid}:${claims.jti}`, expiresAt: new Date((claims.exp + CLOCK_SKEW_SECONDS) * 1000) })
    .onConflictDoNothing()
    .returning({ id: embedTokenUses.id });
  if (!fresh)
    throw new SignInRefused("token_replayed", `jti "${claims.jti}" was used already: sign a new token (new jti) for each sign-in`);
  await db.execute(sql`delete from embed_token_uses where id in (select id from embed_token_uses where expires_at < now() limit 100)`);
}

async function findCustomer(db: Db, claims: SignInClaims, autoCreate: boolean) {
  const [found] = await db.select().from(customers).where(eq(customers.externalId, claims.customer));
  if (found) return found;
  if (!autoCreate)
    throw new SignInRefused(
      "unknown_customer",
      `no customer has external id "${claims.customer}": create it with that external id, or turn on "create customers on first sign-in" in Settings → Embedding`,
    );
  const name = (claims.customer_name ?? claims.customer).trim() || claims.customer;
  // names are unique: another customer may already carry this one
  for (const candidate of [name, `${name} (${claims.customer})`]) {
    const [created] = await db.insert(customers).values({ name: candidate, externalId: claims.customer }).onConflictDoNothing().returning();
    if (created) return created;
    const [raced] = await db.select().from(customers).where(eq(customers.externalId, claims.customer));
    if (raced) return raced;
  }
  throw new SignInRefused("unknown_customer", `customer "${claims.customer}" could not be created: its name "${name}" is taken`);
}

async function upsertUser(db: Db, customerId: string, claims: SignInClaims, role: UserRole) {
  const name = claims.name?.trim() || claims.sub;
  const contactEmail = claims.email?.trim().toLowerCase() ?? null;
  const [existing] = await db
    .select()
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.externalId, claims.sub)));
  if (existing) {
    // the software company's product is where these are kept: follow it
    if (existing.name !== name || existing.contactEmail !== contactEmail || existing.role !== role) {
      const [updated] = await db
        .update(users)
        .set({ name, contactEmail, role, updatedAt: sql`now()` })
        .where(eq(users.id, existing.id))
        .returning();
      return updated!;
    }
    return existing;
  }
  // a made-up, unique, undeliverable address: the sign-in table needs one, and no password sign-in may ever match it
  const email = `${createHash("sha256").update(`${customerId}:${claims.sub}`).digest("hex").slice(0, 32)}@embedded.invalid`;
  // no credential account is linked: the user has no password
  const [created] = await db
    .insert(users)
    .values({ id: randomUUID(), email, name, role, customerId, externalId: claims.sub, contactEmail })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  // two first sign-ins at once: the other one created it
  const [raced] = await db
    .select()
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.externalId, claims.sub)));
  return raced!;
}

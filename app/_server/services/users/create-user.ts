import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customers, isCustomerRole, users, type UserRole } from "@/db/schema";
import { getAuth } from "@/app/_server/auth/auth";
import { recordAudit, type AuditActor, type DbOrTx } from "../audit/record-audit";
import { ServiceError } from "../errors";

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  customerId?: string | null;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** better-auth's password hash (scrypt), as its own sign-in checks it */
export async function hashPassword(db: Db, password: string): Promise<string> {
  if (password.length < 8) throw new ServiceError("BAD_REQUEST", "password: at least 8 characters");
  return (await getAuth(db).$context).password.hash(password);
}

export async function assertEmailFree(tx: DbOrTx, email: string): Promise<void> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new ServiceError("CONFLICT", `email: ${email} already has an account`);
}

/**
 * The two rows better-auth's own sign-up writes (the user and its password account), written in
 * the caller's transaction so the audit row and anything else go with them.
 */
export async function insertPasswordUser(
  tx: DbOrTx,
  input: { email: string; name: string; role: UserRole; customerId?: string | null; passwordHash: string },
) {
  const id = randomBytes(24).toString("base64url");
  const [user] = await tx
    .insert(users)
    .values({ id, email: input.email, name: input.name, emailVerified: true, role: input.role, customerId: input.customerId ?? null })
    .returning();
  await tx.insert(accounts).values({
    id: randomBytes(24).toString("base64url"),
    userId: id,
    providerId: "credential",
    accountId: id,
    password: input.passwordHash,
  });
  return user!;
}

/** Creates a user with a password sign-in. Customer users must name their customer. */
export async function createUser(db: Db, input: CreateUserInput, actor: AuditActor | null = null) {
  const email = normalizeEmail(input.email);
  if (isCustomerRole(input.role) && !input.customerId) {
    throw new ServiceError("BAD_REQUEST", "customerId: a customer user must belong to a customer");
  }
  if (!isCustomerRole(input.role) && input.customerId) {
    throw new ServiceError("BAD_REQUEST", "customerId: only customer users belong to a customer");
  }
  if (input.customerId) {
    const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
    if (!customer) throw new ServiceError("NOT_FOUND", "customerId: no such customer");
  }
  await assertEmailFree(db, email);
  const passwordHash = await hashPassword(db, input.password);
  return db.transaction(async (tx) => {
    await assertEmailFree(tx, email);
    const user = await insertPasswordUser(tx, { ...input, email, passwordHash });
    await recordAudit(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id: user.id, name: email },
      detail: { role: input.role, customerId: input.customerId ?? undefined },
    });
    return { id: user.id, email, name: input.name, role: input.role, customerId: input.customerId ?? null };
  });
}

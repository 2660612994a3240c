import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, isCustomerRole, users, type UserRole } from "@/db/schema";
import { getAuth } from "@/app/_server/auth/auth";
import { ServiceError } from "../errors";

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  customerId?: string | null;
}

/** Creates a user with a password sign-in. Customer users must name their customer. */
export async function createUser(db: Db, input: CreateUserInput) {
  const email = input.email.trim().toLowerCase();
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
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new ServiceError("CONFLICT", `email: ${email} already has an account`);

  // the same two writes better-auth's own sign-up makes, without opening sign-up to the world
  const ctx = await getAuth(db).$context;
  if (input.password.length < 8) throw new ServiceError("BAD_REQUEST", "password: at least 8 characters");
  const hash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser(
    {
      email,
      name: input.name,
      emailVerified: true,
      role: input.role,
      customerId: input.customerId ?? null,
    },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  return { id: user.id, email, name: input.name, role: input.role, customerId: input.customerId ?? null };
}

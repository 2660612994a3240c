import { isCustomerRole, type UserRole } from "@/db/schema";

/** Who is calling: a signed-in user (session cookie) or an API token acting for its user. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  customerId: string | null;
  via: "session" | "token" | "embedded";
  tokenId?: string;
  /** when the token (or embedded session) acting expires (null: never); tokens it creates may not outlive it */
  tokenExpiresAt?: Date | null;
}

export const ORG_ROLES = ["admin", "builder", "support"] as const satisfies readonly UserRole[];

export const isOrgUser = (p: Principal) => !isCustomerRole(p.role);

/** A customer user (admin or read-only) may only reach rows of its own customer. */
export function canReachCustomer(p: Principal, customerId: string | null | undefined): boolean {
  return !isCustomerRole(p.role) || (!!customerId && p.customerId === customerId);
}

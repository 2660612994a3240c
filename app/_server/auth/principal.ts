import type { UserRole } from "@/db/schema";

/** Who is calling: a signed-in user (session cookie) or an API token acting for its user. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  customerId: string | null;
  via: "session" | "token";
  tokenId?: string;
  /** when the token acting expires (null: never); tokens it creates may not outlive it */
  tokenExpiresAt?: Date | null;
}

export const ORG_ROLES = ["admin", "builder", "support"] as const satisfies readonly UserRole[];

export const isOrgUser = (p: Principal) => p.role !== "customer";

/** A customer user may only reach rows of its own customer. */
export function canReachCustomer(p: Principal, customerId: string | null | undefined): boolean {
  return p.role !== "customer" || (!!customerId && p.customerId === customerId);
}

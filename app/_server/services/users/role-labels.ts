import type { TeamRole, UserRole } from "@/db/schema";

/** Roles in words, with what each may do: for the Team page, the invitation page and e-mails. */
export const ROLE_LABELS: Record<UserRole, string> = {
  admin: "Administrator",
  builder: "Builder",
  support: "Support",
  customer: "Customer administrator",
  customer_viewer: "Customer viewer",
};

export const ROLE_HINTS: Record<UserRole, string> = {
  admin: "Everything, including the team, settings and embedding.",
  builder: "Builds, publishes and deploys integrations.",
  support: "Looks at customers, instances and runs; changes nothing.",
  customer: "Deploys and configures its customer's instances.",
  customer_viewer: "Looks at its customer's instances.",
};

/** the roles a team member may have, in the order pickers list them (db/schema's TEAM_ROLES, without importing the schema into pages) */
export const TEAM_ROLE_CHOICES = ["admin", "builder", "support"] as const satisfies readonly TeamRole[];

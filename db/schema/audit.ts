/**
 * The audit log: who changed what, when. One row per change, written in the change's own
 * transaction (app/_server/services/audit/record-audit.ts). The actor's and target's names are
 * copied in, so a row still reads after the user or the thing is gone.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** null: the system (startup, a background job) */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** the actor's e-mail address at the time */
    actorEmail: text("actor_email"),
    /** how the actor called: session, token, embedded */
    via: text("via"),
    /** `area.verb`, e.g. user.invited, instance.deployed (services/audit/audit-actions.ts) */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetName: text("target_name"),
    /** what changed, never a secret */
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);

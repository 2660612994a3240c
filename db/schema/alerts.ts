import { index, boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { executions } from "./executions";
import { instances } from "./instances";
import { integrations } from "./integrations";

/** Watches one instance, or every instance of one integration, for the conditions it lists. */
export const alertMonitors = pgTable("alert_monitors", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
  integrationId: uuid("integration_id").references(() => integrations.id, {
    onDelete: "cascade",
  }),
  /** e.g. [{ kind: "executionFailed" }, { kind: "durationOver", seconds: 30 }] */
  conditions: jsonb("conditions").notNull(),
  /** e.g. [{ kind: "feed" }, { kind: "webhook", url, headers, template }, { kind: "email", to }] */
  destinations: jsonb("destinations").notNull(),
  quietPeriodMinutes: integer("quiet_period_minutes").notNull().default(0),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const alertEvents = pgTable(
  "alert_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    monitorId: uuid("monitor_id")
      .notNull()
      .references(() => alertMonitors.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    executionId: uuid("execution_id").references(() => executions.id, { onDelete: "set null" }),
    condition: text("condition").notNull(),
    message: text("message").notNull(),
    details: jsonb("details"),
    /** per destination: status, attempts, last error */
    deliveries: jsonb("deliveries"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
  },
  (t) => [
    // one event per execution and monitor and condition: no floods
    uniqueIndex("alert_events_once").on(t.monitorId, t.executionId, t.condition),
    index("alert_events_created_idx").on(t.createdAt.desc()),
  ],
);

import { integer, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { instances } from "./instances";
import { integrations } from "./integrations";

/**
 * Finished live executions counted per hour and per day (UTC, by queued_at), so the monitoring
 * dashboard reads a few thousand rows for a month instead of every execution. The leader
 * (runtime/rollups) adds the runs that finished since its last pass.
 */
export const executionRollups = pgTable(
  "execution_rollups",
  {
    /** hour | day */
    grain: text("grain").$type<"hour" | "day">().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    integrationId: uuid("integration_id").references(() => integrations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    flowKey: text("flow_key").notNull(),
    /** succeeded | failed | canceled: the statuses an execution does not leave */
    status: text("status").notNull(),
    runs: integer("runs").notNull(),
  },
  // one row per key (nulls too: a test database may hold runs without an instance); leads with
  // the period, as the dashboard reads it
  (t) => [
    unique("execution_rollups_key")
      .on(t.grain, t.startsAt, t.instanceId, t.flowKey, t.status, t.integrationId, t.customerId)
      .nullsNotDistinct(),
  ],
);

/**
 * The same executions' durations per instance (so deleting one takes its runs out, as it does
 * the executions) as a histogram on a log scale: `buckets[i]` counts the runs of bucket i
 * (runtime/rollups/duration-buckets). An array, not a row a bucket: a month of day rows is then
 * one row per instance and day, summed position by position.
 */
export const executionDurationRollups = pgTable(
  "execution_duration_rollups",
  {
    grain: text("grain").$type<"hour" | "day">().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    integrationId: uuid("integration_id").references(() => integrations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    runs: integer("runs").notNull(),
    /** the shortest and longest: percentiles never fall outside them */
    minMs: integer("min_ms").notNull(),
    maxMs: integer("max_ms").notNull(),
    buckets: integer("buckets").array().notNull(),
  },
  (t) => [unique("execution_duration_rollups_key").on(t.grain, t.startsAt, t.instanceId, t.integrationId, t.customerId).nullsNotDistinct()],
);

/** One row: every terminal execution that finished at or before coveredUntil is in the rollups. */
export const executionRollupState = pgTable("execution_rollup_state", {
  id: smallint("id").primaryKey().default(1),
  coveredUntil: timestamp("covered_until", { withTimezone: true }).notNull(),
});

import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { instances } from "./instances";

/**
 * What a component trigger keeps per instance flow, keyed by (instance, flow key) only — not by
 * version — so it survives republishing, upgrading the instance and redeploying it.
 * Polling triggers: the cursor of the last committed poll and the last schedule slot polled
 * (claimed before the poll, so one slot is polled once). Webhook-style triggers: the
 * subscription state its deploy hook returned, given back to its delete hook.
 */
export const triggerCursors = pgTable(
  "trigger_cursors",
  {
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id, { onDelete: "cascade" }),
    flowKey: text("flow_key").notNull(),
    cursor: jsonb("cursor"),
    /** minute index (JUNCTION_MINUTE_MS units) of the last slot a poll was started for */
    polledSlot: bigint("polled_slot", { mode: "number" }).notNull().default(-1),
    /** webhook-style: `component.trigger` the subscription belongs to, and what its deploy hook returned */
    subscribedTrigger: text("subscribed_trigger"),
    subscription: jsonb("subscription"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.flowKey] })],
);

import { integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * Synchronous webhooks answered 429 because the queue's backlog was past its limit
 * (JUNCTION_SYNC_BACKLOG_LIMIT), counted per minute by every web process.
 */
export const backlogRefusals = pgTable("backlog_refusals", {
  minute: timestamp("minute", { withTimezone: true }).primaryKey(),
  refused: integer("refused").notNull(),
});

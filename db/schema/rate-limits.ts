import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rate-limit budgets (`execution.rateLimit`, runtime/executions/rate-limit.ts), shared by every
 * worker process: per budget key, the start times granted to the last runs (a sliding window),
 * oldest first, and which attempt holds each — so a run re-queued until its granted time starts
 * on that grant instead of asking again.
 */
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  /** `flow:<instance>:<flow>`, `customer:<customer>` or `connection:<HMAC of the credential's value>` */
  key: text("key").primaryKey(),
  /** granted start times, epoch milliseconds, ascending */
  slots: bigint("slots", { mode: "number" }).array().notNull(),
  /** `<execution id>:<attempt>` per slot */
  holders: text("holders").array().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

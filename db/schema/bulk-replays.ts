/**
 * Bulk replays: many runs replayed as one background job (runtime/bulk-replay). The runs to replay
 * are fixed when it is created (bulk_replay_runs): the count the caller confirmed is the set
 * replayed, and a filter read again later would also catch the replays themselves (a failed
 * replay matches "failed, since …") and runs that arrived since.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { customers } from "./customers";

export const BULK_REPLAY_STATUSES = ["queued", "running", "completed", "canceled"] as const;
export type BulkReplayStatus = (typeof BULK_REPLAY_STATUSES)[number];

/** the executions list's filters a bulk replay was made from, as stored (dates as ISO strings) */
export interface BulkReplayFilter {
  instanceId?: string;
  integrationId?: string;
  customerId?: string;
  flow?: string;
  status?: string;
  isTest?: boolean;
  since?: string;
  until?: string;
}

export const bulkReplays = pgTable(
  "bulk_replays",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    filter: jsonb("filter").$type<BulkReplayFilter>().notNull(),
    /** the customer whose runs these are when the filter named one (always, for customer users): who may see it */
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    /** replay on each instance's current version instead of the one each run ran on */
    latestVersion: boolean("latest_version").notNull().default(false),
    /** at most this many new runs a second */
    perSecond: integer("per_second").notNull(),
    status: text("status").$type<BulkReplayStatus>().notNull().default("queued"),
    total: integer("total").notNull(),
    /** new runs accepted */
    replayed: integer("replayed").notNull().default(0),
    /** runs that could not be replayed (their instance disabled or deleted…): the reason is on their bulk_replay_runs row */
    failed: integer("failed").notNull().default(0),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    /** the last error the job met (it is retried) */
    lastError: text("last_error"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("bulk_replays_created_idx").on(t.createdAt.desc())],
);

/**
 * One original run of a bulk replay. `executionId` is the new run's id, chosen and committed
 * before the run is accepted: a job restarted after a crash finds whether that run exists, so it
 * never replays an original twice (the new run's replay_of points back at `originalId`).
 */
export const bulkReplayRuns = pgTable(
  "bulk_replay_runs",
  {
    bulkReplayId: uuid("bulk_replay_id")
      .notNull()
      .references(() => bulkReplays.id, { onDelete: "cascade" }),
    /** oldest first */
    position: integer("position").notNull(),
    originalId: uuid("original_id").notNull(),
    executionId: uuid("execution_id"),
    /** null while to do */
    outcome: text("outcome").$type<"replayed" | "failed">(),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.bulkReplayId, t.position] }),
    // the next batch reads only what is left, however far the replay has gone
    index("bulk_replay_runs_pending_idx")
      .on(t.bulkReplayId, t.position)
      .where(sql`${t.outcome} is null`),
  ],
);

import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { instances } from "./instances";
import { bytea, integrations, integrationVersions } from "./integrations";

export const EXECUTION_STATUSES = ["queued", "running", "succeeded", "failed", "canceled", "retry_pending"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
/** an execution still to run, running, or waiting for its next attempt */
export const UNFINISHED_STATUSES = ["queued", "running", "retry_pending"] as const satisfies readonly ExecutionStatus[];
/** how an execution ends; it never changes after */
export const FINISHED_STATUSES = ["succeeded", "failed", "canceled"] as const satisfies readonly ExecutionStatus[];
/** an attempt's status: as an execution's, or `lost` when its worker died under it */
export type AttemptStatus = "running" | "succeeded" | "failed" | "lost";

/** One invocation of a flow (webhook call, schedule tick, test, replay), across its attempts. */
export const executions = pgTable(
  "executions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id").references(() => integrations.id, {
      onDelete: "cascade",
    }),
    versionId: uuid("version_id").references(() => integrationVersions.id, {
      onDelete: "set null",
    }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    flowKey: text("flow_key").notNull(),
    status: text("status").$type<ExecutionStatus>().notNull().default("queued"),
    isTest: boolean("is_test").notNull().default(false),
    /** webhook | schedule | test | replay */
    source: text("source").notNull(),
    synchronous: boolean("synchronous").notNull().default(false),
    /** the trigger's results (JSON part); binary bodies live in triggerBody */
    triggerPayload: jsonb("trigger_payload"),
    triggerBody: bytea("trigger_body"),
    /** the run's result data (JSON), as displayed: truncated past the display limit; binary results live in resultBody */
    result: jsonb("result"),
    /** binary results, and the exact answer when `result` is not it (resultMeta.fullBody; runtime/executions/result-columns.ts) */
    resultBody: bytea("result_body"),
    /** statusCode, headers, contentType of the run's result */
    resultMeta: jsonb("result_meta"),
    error: jsonb("error"),
    attempt: smallint("attempt").notNull().default(1),
    maxAttempts: smallint("max_attempts").notNull().default(1),
    /** attempts run again because their worker died (counted apart from the flow's retries) */
    crashReruns: smallint("crash_reruns").notNull().default(0),
    cancelationKey: text("cancelation_key"),
    replayOf: uuid("replay_of"),
    /** schedule ticks: the minute this run was due, unique per instance flow (no double fires) */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    /** draft definition for test runs (no published version behind them) */
    testDefinition: jsonb("test_definition"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /** refreshed while a worker runs it: a stale heartbeat means the worker died mid-run */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    workerId: text("worker_id"),
    /** step results and logs pruned by retention; the row stays as a summary */
    pruned: boolean("pruned").notNull().default(false),
  },
  (t) => [
    index("executions_queued_idx").on(t.queuedAt.desc()),
    index("executions_instance_idx").on(t.instanceId, t.queuedAt.desc()),
    index("executions_status_idx").on(t.status, t.queuedAt.desc()),
    index("executions_customer_idx").on(t.customerId, t.queuedAt.desc()),
    index("executions_integration_idx").on(t.integrationId, t.queuedAt.desc()),
    index("executions_replay_of_idx")
      .on(t.replayOf)
      .where(sql`${t.replayOf} is not null`),
    uniqueIndex("executions_schedule_slot").on(t.instanceId, t.flowKey, t.scheduledFor),
    // the rollup's passes and the dashboard find what finished since the rollup's last pass
    index("executions_finished_idx")
      .on(t.finishedAt)
      .where(sql`${t.finishedAt} is not null`),
    index("executions_running_idx")
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
    index("executions_cancelation_idx")
      .on(t.instanceId, t.flowKey, t.cancelationKey)
      .where(sql`${t.cancelationKey} is not null`),
  ],
);

export const executionAttempts = pgTable(
  "execution_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    executionId: uuid("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    attempt: smallint("attempt").notNull(),
    status: text("status").$type<AttemptStatus>().notNull(),
    workerId: text("worker_id"),
    error: jsonb("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("execution_attempts_execution_idx").on(t.executionId, t.attempt)],
);

export const stepResults = pgTable(
  "step_results",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    executionId: uuid("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    attempt: smallint("attempt").notNull().default(1),
    stepKey: text("step_key").notNull(),
    /** loop iteration indexes from the outermost loop in, e.g. {2,0}; empty outside loops */
    iteration: integer("iteration").array(),
    status: text("status").notNull(),
    /** inputs with credentials censored */
    inputs: jsonb("inputs"),
    result: jsonb("result"),
    resultSize: integer("result_size").notNull().default(0),
    error: jsonb("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
  },
  (t) => [index("step_results_execution_idx").on(t.executionId, t.id), index("step_results_started_idx").on(t.startedAt)],
);

export const executionLogs = pgTable(
  "execution_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    executionId: uuid("execution_id")
      .notNull()
      .references(() => executions.id, { onDelete: "cascade" }),
    attempt: smallint("attempt").notNull().default(1),
    stepKey: text("step_key"),
    level: text("level").notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("execution_logs_execution_idx").on(t.executionId, t.id), index("execution_logs_created_idx").on(t.createdAt)],
);

import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { integrations, integrationVersions } from "./integrations";

/** A deployed, configured copy of one integration version for one customer. */
export const instances = pgTable(
  "instances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      // "no action" (checked at the end of the statement) lets an integration delete cascade to both
      .references(() => integrationVersions.id, { onDelete: "no action" }),
    enabled: boolean("enabled").notNull().default(true),
    /** non-secret config values, by config variable key */
    configValues: jsonb("config_values").$type<Record<string, unknown>>().notNull().default({}),
    /** credential config values, encrypted as one JSON document (secret box) */
    credentials: text("credentials"),
    /** webhook endpoint security secrets (API key, HMAC secret), encrypted */
    endpointSecrets: text("endpoint_secrets"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("instances_customer_idx").on(t.customerId), index("instances_integration_idx").on(t.integrationId)],
);

/** One row per flow of an instance: its webhook token and its effective schedule. */
export const instanceFlows = pgTable(
  "instance_flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id, { onDelete: "cascade" }),
    flowKey: text("flow_key").notNull(),
    flowName: text("flow_name").notNull(),
    /** ≥128-bit random token in the webhook URL */
    webhookToken: text("webhook_token").notNull().unique(),
    /** resolved schedule (`{ every, unit }` or `{ cron, timezone }`), null for webhook flows */
    schedule: jsonb("schedule"),
  },
  (t) => [uniqueIndex("instance_flows_unique").on(t.instanceId, t.flowKey)],
);

/**
 * Persist Data. `ownerId` is an instance id (or an integration id for designer test runs);
 * `flowKey` is the flow for flow-scoped values and '' for instance-scoped ones.
 */
export const persistedData = pgTable(
  "persisted_data",
  {
    ownerId: uuid("owner_id").notNull(),
    flowKey: text("flow_key").notNull(),
    key: text("key").notNull(),
    value: jsonb("value"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.flowKey, t.key] })],
);

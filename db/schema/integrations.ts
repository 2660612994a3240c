import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

/** An integration and its working draft; published versions are immutable rows below. */
/** A flow's sample trigger payload, as a test run's trigger sees it. */
export interface SamplePayload {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export const integrations = pgTable("integrations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  labels: text("labels")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** the draft definition (format version 1, as JSON) */
  draft: jsonb("draft").notNull(),
  /** bumped on every draft save: a save based on an older revision is refused */
  draftRevision: integer("draft_revision").notNull().default(1),
  /** test config values for the designer's testing pane (non-secret ones) */
  testConfig: jsonb("test_config").$type<Record<string, unknown>>().notNull().default({}),
  /** test credentials, encrypted (secret box) */
  testSecrets: text("test_secrets"),
  /** each flow's sample payload (by flow key): the last JSON payload a test run sent; the data picker offers its fields */
  /** the draft's test webhook (`/test-webhooks/<token>`): a real caller runs the draft with the test config; rotatable */
  testWebhookToken: text("test_webhook_token").unique(),
  testPayloads: jsonb("test_payloads").$type<Record<string, SamplePayload>>().notNull().default({}),
  /** who may activate it from the marketplace: "all" customers, the listed "customers", or none ("hidden") */
  marketplaceVisibility: text("marketplace_visibility").$type<"all" | "customers" | "hidden">().notNull().default("all"),
  /** the marketplace icon: a data: URL (svg, png, jpeg) or an https URL */
  icon: text("icon"),
  /** OAuth 2.0 client secrets by config variable key, encrypted (secret box); set by the organization, never in a definition */
  oauthClientSecrets: text("oauth_client_secrets"),
  forkedFrom: uuid("forked_from"),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const integrationVersions = pgTable(
  "integration_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    /** component key → exact version, resolved when published */
    componentVersions: jsonb("component_versions").$type<Record<string, string>>().notNull().default({}),
    note: text("note").notNull().default(""),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("integration_versions_unique").on(t.integrationId, t.version)],
);

/** Documents kept with an integration (designer's Attachments tab). */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("attachments_integration_idx").on(t.integrationId)],
);

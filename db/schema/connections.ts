/**
 * OAuth 2.0 authorization-code connections: the tokens a customer granted by signing in at the
 * provider, sealed, refreshed by the host before they expire. An instance's `oauth2` credential
 * value is `{ connectionId }`.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { OAuth2Settings } from "../../runtime/definition/schema";
import { users } from "./auth";
import { customers } from "./customers";
import { instances } from "./instances";
import { integrations } from "./integrations";

export const CONNECTION_STATUSES = ["pending", "connected", "needs_reauthorization"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const oauth2Connections = pgTable(
  "oauth2_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    /** null for the designer's test connections */
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    /** set once an instance uses it */
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "set null" }),
    configVarKey: text("config_var_key").notNull(),
    /** the provider as the variable described it when the connection was made (authorizeUrl, tokenUrl, clientId, scopes, pkce): its tokens come from there */
    provider: jsonb("provider").$type<OAuth2Settings>().notNull(),
    status: text("status").$type<ConnectionStatus>().notNull().default("pending"),
    /** { accessToken, refreshToken?, tokenType, scope?, expiresAt? }, encrypted (secret box) */
    tokens: text("tokens"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    /** the pending authorization: SHA-256 of its `state`, its PKCE verifier (sealed), until when */
    stateHash: text("state_hash").unique(),
    codeVerifier: text("code_verifier"),
    stateExpiresAt: timestamp("state_expires_at", { withTimezone: true }),
    lastError: text("last_error"),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oauth2_connections_customer_idx").on(t.customerId), index("oauth2_connections_instance_idx").on(t.instanceId)],
);

/**
 * Who may activate an integration from the marketplace, and what each customer may see and
 * change of its config (values the organization pre-fills, hidden or read-only).
 */
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { integrations } from "./integrations";

export const MARKETPLACE_VISIBILITIES = ["all", "customers", "hidden"] as const;
export type MarketplaceVisibility = (typeof MARKETPLACE_VISIBILITIES)[number];

/** the customers an integration with visibility "customers" is shown to */
export const integrationCustomerAccess = pgTable(
  "integration_customer_access",
  {
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.customerId] })],
);

export const PRESET_MODES = ["hidden", "readonly"] as const;
export type PresetMode = (typeof PRESET_MODES)[number];

/** A config value the organization sets for one customer: hidden from it, or shown read-only. */
export const customerConfigPresets = pgTable(
  "customer_config_presets",
  {
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    configVarKey: text("config_var_key").notNull(),
    mode: text("mode").$type<PresetMode>().notNull(),
    /** a non-secret value */
    value: jsonb("value"),
    /** a credential value, encrypted (secret box) */
    sealedValue: text("sealed_value"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.integrationId, t.configVarKey] })],
);

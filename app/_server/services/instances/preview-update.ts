import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationVersions } from "@/db/schema";
import { configVarsOf } from "@/runtime/config/config-values";
import { serializeDefinitionYaml, type Definition } from "@/runtime/definition";
import type { ConfigVar } from "@/runtime/definition/schema";
import { getVersion } from "../integrations/get-integration";
import { definitionForViewer } from "../marketplace/customer-view";
import type { MarketplaceViewer } from "../marketplace/visibility";
import { getInstance } from "./get-instance";

export interface ConfigChange {
  kind: "new" | "changed" | "removed";
  key: string;
  label: string;
  /** what changes for the person configuring it, in words */
  detail: string;
}

/**
 * What updating an instance to the latest version means for the person doing it: the notes of
 * every version after the instance's, and its configuration fields that are new, changed or
 * gone, in words. Steps, code and YAML are the organization's business: only an organization
 * user gets the technical difference, and a customer's user never sees variables hidden from it.
 */
export async function previewUpdate(db: Db, input: { id: string; viewer: MarketplaceViewer }) {
  const instance = await getInstance(db, input.id);
  const integrationId = instance.integration.id;
  const latest = await getVersion(db, integrationId);
  const from = instance.version;
  const to = latest.version;
  const notes = await db
    .select({ version: integrationVersions.version, note: integrationVersions.note, publishedAt: integrationVersions.publishedAt })
    .from(integrationVersions)
    .where(
      and(
        eq(integrationVersions.integrationId, integrationId),
        gt(integrationVersions.version, from),
        lte(integrationVersions.version, to),
      ),
    )
    .orderBy(asc(integrationVersions.version));
  const customerId = instance.customer.id;
  const view = (d: Definition) => definitionForViewer(db, input.viewer, integrationId, d, customerId);
  const [{ definition: before }, { definition: after, presets, presetsLocked }] = await Promise.all([
    view(instance.definition),
    view(latest.definition as Definition),
  ]);
  return {
    from,
    to,
    notes,
    /** the wizard that follows: the new version's pages and presets, and nothing else of it */
    pages: after.configPages ?? [],
    presets,
    presetsLocked,
    configChanges: configChanges(configVarsOf(before.configPages), configVarsOf(after.configPages)),
    technical: input.viewer === "organization" ? { before: serializeDefinitionYaml(before), after: serializeDefinitionYaml(after) } : null,
  };
}

const described = (v: ConfigVar): string => {
  if (v.type === "credential") return "a credential";
  if (v.type === "picklist") return `a choice of ${v.options.join(", ")}`;
  return { string: "text", date: "a date", timestamp: "a date and time", code: "code", boolean: "yes or no", schedule: "a schedule" }[
    v.type
  ];
};

const shown = (value: unknown): string =>
  value === undefined
    ? "none"
    : typeof value === "object"
      ? JSON.stringify(value)
      : typeof value === "boolean"
        ? value
          ? "Yes"
          : "No"
        : String(value);

/** Config variables compared by key: what a person filling in the form would notice. */
export function configChanges(before: ConfigVar[], after: ConfigVar[]): ConfigChange[] {
  const old = new Map(before.map((v) => [v.key, v]));
  const now = new Set(after.map((v) => v.key));
  const out: ConfigChange[] = [];
  for (const v of after) {
    const was = old.get(v.key);
    if (!was) {
      const def = "default" in v && v.default !== undefined ? `, starts as ${shown(v.default)}` : "";
      out.push({
        kind: "new",
        key: v.key,
        label: v.label,
        detail: `New field: ${v.label} (${described(v)}${v.required ? ", required" : ""}${def})`,
      });
      continue;
    }
    const what: string[] = [];
    if (was.label !== v.label) what.push(`renamed from ${was.label}`);
    if (described(was) !== described(v)) what.push(`now ${described(v)} instead of ${described(was)}`);
    if (!!was.required !== !!v.required) what.push(v.required ? "now required" : "no longer required");
    const d0 = "default" in was ? was.default : undefined;
    const d1 = "default" in v ? v.default : undefined;
    if (JSON.stringify(d0) !== JSON.stringify(d1)) what.push(`default ${shown(d0)} → ${shown(d1)}`);
    if ((was.description ?? "") !== (v.description ?? "")) what.push("its explanation changed");
    if (what.length) out.push({ kind: "changed", key: v.key, label: v.label, detail: `${v.label}: ${what.join("; ")}` });
  }
  for (const v of before) {
    if (!now.has(v.key))
      out.push({ kind: "removed", key: v.key, label: v.label, detail: `No longer asked: ${v.label} (its value is dropped)` });
  }
  return out;
}

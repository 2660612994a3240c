/**
 * What a customer's user may see of a definition and of an instance's config once the
 * organization has preset some of its variables: hidden ones are gone (variable and value),
 * read-only ones come with their value — a credential's never.
 */
import type { Db } from "@/db/client";
import type { PresetMode } from "@/db/schema";
import { configVarsOf } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition";
import { loadPresets, type PresetRow } from "./load-presets";
import type { MarketplaceViewer } from "./visibility";

/** a preset as the wizard gets it: the value only when it is not a credential */
export interface PresetView {
  mode: PresetMode;
  value?: unknown;
}

export interface PresetsForViewer {
  /** by variable key; a customer's user gets the read-only ones only */
  presets: Record<string, PresetView>;
  /** true for a customer's user: presets cannot be changed, and the wizard shows them locked */
  presetsLocked: boolean;
}

/** The definition without the given variables (and without pages left with none). */
export function withoutVariables(definition: Definition, keys: ReadonlySet<string>): Definition {
  if (keys.size === 0 || !definition.configPages) return definition;
  const configPages = definition.configPages
    .map((p) => ({ ...p, elements: p.elements.filter((e) => !("configVar" in e && keys.has(e.configVar.key))) }))
    .filter((p) => p.elements.some((e) => "configVar" in e));
  return { ...definition, configPages };
}

function presetViews(definition: Definition, rows: Map<string, PresetRow>, locked: boolean): Record<string, PresetView> {
  const out: Record<string, PresetView> = {};
  for (const v of configVarsOf(definition.configPages)) {
    const row = rows.get(v.key);
    if (!row || (locked && row.mode === "hidden")) continue;
    out[v.key] = v.type === "credential" || row.sealedValue ? { mode: row.mode } : { mode: row.mode, value: row.value };
  }
  return out;
}

/**
 * A definition as the viewer may see it, with the presets that apply. `customerId` is the
 * customer deployed to: a customer user's own, or the one an organization user deploys for
 * (whose presets prefill the organization's wizard); without one there are no presets.
 */
export async function definitionForViewer(
  db: Db,
  viewer: MarketplaceViewer,
  integrationId: string,
  definition: Definition,
  customerId?: string,
): Promise<{ definition: Definition; hidden: ReadonlySet<string> } & PresetsForViewer> {
  const customer = viewer === "organization" ? customerId : viewer.customerId;
  if (!customer) return { definition, hidden: new Set(), presets: {}, presetsLocked: false };
  const rows = await loadPresets(db, customer, integrationId);
  const locked = viewer !== "organization";
  const hidden = new Set(locked ? [...rows.values()].filter((r) => r.mode === "hidden").map((r) => r.configVarKey) : []);
  return {
    definition: withoutVariables(definition, hidden),
    hidden,
    presets: presetViews(definition, rows, locked),
    presetsLocked: locked,
  };
}

interface InstanceView {
  customer: { id: string };
  integration: { id: string };
  definition: Definition;
  config: Record<string, unknown>;
}

/** An instance (get-instance.ts) as the viewer may see it: for a customer user, hidden variables and their values taken out. */
export async function instanceForViewer<T extends InstanceView>(
  db: Db,
  viewer: MarketplaceViewer,
  instance: T,
): Promise<T & PresetsForViewer> {
  if (viewer === "organization") return { ...instance, presets: {}, presetsLocked: false };
  const view = await definitionForViewer(db, viewer, instance.integration.id, instance.definition);
  const config = Object.fromEntries(Object.entries(instance.config).filter(([k]) => !view.hidden.has(k)));
  return { ...instance, definition: view.definition, config, presets: view.presets, presetsLocked: view.presetsLocked };
}

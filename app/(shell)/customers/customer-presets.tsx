"use client";
/**
 * Config presets of one customer: per integration, values the organization sets for it, hidden
 * from the customer or shown read-only. Credentials are entered, never shown back.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { configVarsOf } from "@/runtime/config/config-values";
import type { ConfigVar } from "@/runtime/definition/schema";
import type { PresetSummary } from "@/app/_server/services/marketplace/list-presets";
import { ConfigField } from "@/app/_ui/config-fields/config-field";
import { normalise } from "@/app/_ui/config-fields/config-state";
import { useTRPC } from "@/app/_ui/trpc";
import { Button } from "@/app/_ui/ui";

/** as it arrives (dates as strings) */
type Preset = Omit<PresetSummary, "updatedAt">;

const selectClass = "rounded-md border-0 py-1 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";
const MODES = { hidden: "Hidden from the customer", readonly: "Read-only for the customer" } as const;

export function CustomerPresets({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const market = useQuery(trpc.marketplace.list.queryOptions());
  const [integrationId, setIntegrationId] = useState("");
  return (
    <section aria-label="Config presets" className="space-y-2">
      <h3 className="text-xs font-semibold text-slate-500 uppercase">Config presets</h3>
      <p className="text-xs text-slate-500">
        Values you set for this customer. Hidden ones it never sees; read-only ones it sees but cannot change. They apply when an instance
        is deployed or reconfigured.
      </p>
      <select
        aria-label="Integration for presets"
        className={selectClass}
        value={integrationId}
        onChange={(e) => setIntegrationId(e.target.value)}
      >
        <option value="">Choose an integration…</option>
        {market.data?.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
      {integrationId && <IntegrationPresets key={integrationId} customerId={customerId} integrationId={integrationId} />}
    </section>
  );
}

function IntegrationPresets({ customerId, integrationId }: { customerId: string; integrationId: string }) {
  const trpc = useTRPC();
  const published = useQuery(trpc.marketplace.published.queryOptions({ id: integrationId }));
  const presets = useQuery(trpc.customers.presets.list.queryOptions({ customerId, integrationId }));
  if (!published.data || !presets.data) {
    return <p className="text-sm text-slate-500">{published.error?.message ?? presets.error?.message ?? "Loading…"}</p>;
  }
  const vars = configVarsOf(published.data.definition.configPages);
  const byKey = new Map(presets.data.map((p) => [p.configVarKey, p]));
  const stale = presets.data.filter((p) => !vars.some((v) => v.key === p.configVarKey));
  if (vars.length === 0) return <p className="text-sm text-slate-500">Version {published.data.version} has no config variables.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md bg-white ring-1 ring-slate-200">
      {vars.map((v) => (
        <PresetRow key={v.key} v={v} preset={byKey.get(v.key)} customerId={customerId} integrationId={integrationId} />
      ))}
      {stale.map((p) => (
        <PresetRow key={p.configVarKey} preset={p} customerId={customerId} integrationId={integrationId} />
      ))}
    </ul>
  );
}

function describeValue(v: ConfigVar | undefined, p: Preset): string {
  if (p.sealed) return "set (credential, not shown)";
  if (v?.type === "boolean") return p.value ? "Yes" : "No";
  return typeof p.value === "string" ? p.value : JSON.stringify(p.value);
}

/** One variable: its preset (or none), and the form to set or remove it. `v` is missing for a variable the latest version no longer has. */
function PresetRow(props: { v?: ConfigVar; preset?: Preset; customerId: string; integrationId: string }) {
  const { v, preset, customerId, integrationId } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<"hidden" | "readonly">(preset?.mode ?? "readonly");
  const [value, setValue] = useState<unknown>(preset && !preset.sealed ? preset.value : undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.presets.list.queryKey({ customerId, integrationId }) });
  const set = useMutation(trpc.customers.presets.set.mutationOptions({ onSuccess: () => refresh().then(() => setEditing(false)) }));
  const remove = useMutation(trpc.customers.presets.remove.mutationOptions({ onSuccess: refresh }));
  const key = v?.key ?? preset!.configVarKey;
  const error = set.error?.message ?? remove.error?.message;

  return (
    <li data-preset-row={key} className="space-y-2 p-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 text-sm">
          <p className="font-medium text-slate-800">
            {v?.label ?? key} <span className="font-mono text-xs font-normal text-slate-500">{key}</span>
          </p>
          {!v && <p className="text-xs text-amber-700">Not in the latest published version.</p>}
          {preset ? (
            <p className="text-xs text-slate-600">
              <span className="font-medium">{MODES[preset.mode]}</span> · <span className="break-all">{describeValue(v, preset)}</span>
            </p>
          ) : (
            <p className="text-xs text-slate-500">The customer sets it.</p>
          )}
        </div>
        <div className="flex shrink-0 gap-1">
          {v && !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {preset ? "Change" : "Preset"}
            </Button>
          )}
          {preset && !editing && (
            <Button
              variant="ghost"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ customerId, integrationId, configVarKey: key })}
            >
              Remove
            </Button>
          )}
        </div>
      </div>
      {editing && v && (
        <div className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <ConfigField
            v={{ ...v, required: false }}
            value={value}
            onChange={setValue}
            credentialSet={!!preset?.sealed}
            replacing={v.type !== "credential" || !preset?.sealed || value !== undefined}
            onReplace={(r) => setValue(r ? {} : undefined)}
          />
          <label className="flex items-center gap-2 text-sm">
            <span className="text-slate-700">For the customer:</span>
            <select
              aria-label={`Preset mode of ${v.label}`}
              className={selectClass}
              value={mode}
              onChange={(e) => setMode(e.target.value as typeof mode)}
            >
              <option value="readonly">{MODES.readonly}</option>
              <option value="hidden">{MODES.hidden}</option>
            </select>
          </label>
          <div className="flex gap-2">
            <Button
              disabled={set.isPending}
              onClick={() => set.mutate({ customerId, integrationId, configVarKey: key, mode, value: normalise(v, value) })}
            >
              Save preset
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </li>
  );
}

"use client";
/** The executions list's filters, kept in the URL so a filtered list can be linked to. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { FilterSelect, named } from "./filter-select";
import { STATUS_LABELS } from "./format";

export interface ExecutionFilterValues {
  integrationId?: string;
  customerId?: string;
  instanceId?: string;
  flow?: string;
  status?: string;
  mode?: "live" | "test";
  range?: string;
}

export const RANGES: Record<string, { label: string; ms: number }> = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
};

export function ExecutionFilters({
  value,
  onChange,
  org,
}: {
  value: ExecutionFilterValues;
  onChange: (v: ExecutionFilterValues) => void;
  org: boolean;
}) {
  const trpc = useTRPC();
  const integrations = useQuery({ ...trpc.integrations.list.queryOptions({}), enabled: org });
  const customers = useQuery({ ...trpc.customers.list.queryOptions(), enabled: org });
  const instances = useQuery(trpc.instances.list.queryOptions({ integrationId: value.integrationId, customerId: value.customerId }));
  const set = (patch: Partial<ExecutionFilterValues>) => onChange({ ...value, ...patch });
  return (
    <div className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Filter executions">
      {org && (
        <FilterSelect
          label="Integration"
          all="All integrations"
          value={value.integrationId ?? ""}
          options={named(integrations.data)}
          onChange={(v) => set({ integrationId: v || undefined, instanceId: undefined })}
        />
      )}
      {org && (
        <FilterSelect
          label="Customer"
          all="All customers"
          value={value.customerId ?? ""}
          options={named(customers.data)}
          onChange={(v) => set({ customerId: v || undefined, instanceId: undefined })}
        />
      )}
      <FilterSelect
        label="Instance"
        all="All instances"
        value={value.instanceId ?? ""}
        options={named(instances.data)}
        onChange={(v) => set({ instanceId: v || undefined })}
      />
      <input
        aria-label="Flow"
        placeholder="Flow name"
        className="w-36 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        defaultValue={value.flow ?? ""}
        onKeyDown={(e) => e.key === "Enter" && set({ flow: (e.target as HTMLInputElement).value.trim() || undefined })}
        onBlur={(e) => (e.target.value.trim() || undefined) !== value.flow && set({ flow: e.target.value.trim() || undefined })}
      />
      <FilterSelect
        label="Status"
        all="Any status"
        value={value.status ?? ""}
        options={["running", "succeeded", "failed", "canceled", "retry_pending", "queued"].map((s) => ({
          value: s,
          label: STATUS_LABELS[s]!,
        }))}
        onChange={(v) => set({ status: v || undefined })}
      />
      {org && (
        <FilterSelect
          label="Live or test"
          all="Live and test"
          value={value.mode ?? ""}
          options={[
            { value: "live", label: "Live only" },
            { value: "test", label: "Test runs only" },
          ]}
          onChange={(v) => set({ mode: (v || undefined) as ExecutionFilterValues["mode"] })}
        />
      )}
      <FilterSelect
        label="Time range"
        all="Any time"
        value={value.range ?? ""}
        options={Object.entries(RANGES).map(([k, r]) => ({ value: k, label: r.label }))}
        onChange={(v) => set({ range: v || undefined })}
      />
    </div>
  );
}

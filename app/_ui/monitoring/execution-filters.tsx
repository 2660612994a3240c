"use client";
/** The executions list's filters, kept in the URL so a filtered list can be linked to. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
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

const selectClass = "rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500";

export function ExecutionFilters({ value, onChange, org }: { value: ExecutionFilterValues; onChange: (v: ExecutionFilterValues) => void; org: boolean }) {
  const trpc = useTRPC();
  const integrations = useQuery({ ...trpc.integrations.list.queryOptions({}), enabled: org });
  const customers = useQuery({ ...trpc.customers.list.queryOptions(), enabled: org });
  const instances = useQuery(trpc.instances.list.queryOptions({ integrationId: value.integrationId, customerId: value.customerId }));
  const set = (patch: Partial<ExecutionFilterValues>) => onChange({ ...value, ...patch });
  return (
    <div className="mb-4 flex flex-wrap items-end gap-2" role="search" aria-label="Filter executions">
      {org && (
        <select aria-label="Integration" className={selectClass} value={value.integrationId ?? ""} onChange={(e) => set({ integrationId: e.target.value || undefined, instanceId: undefined })}>
          <option value="">All integrations</option>
          {(integrations.data ?? []).map((i: { id: string; name: string }) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      )}
      {org && (
        <select aria-label="Customer" className={selectClass} value={value.customerId ?? ""} onChange={(e) => set({ customerId: e.target.value || undefined, instanceId: undefined })}>
          <option value="">All customers</option>
          {(customers.data ?? []).map((c: { id: string; name: string }) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Instance" className={selectClass} value={value.instanceId ?? ""} onChange={(e) => set({ instanceId: e.target.value || undefined })}>
        <option value="">All instances</option>
        {(instances.data ?? []).map((i: { id: string; name: string }) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
      <input
        aria-label="Flow"
        placeholder="Flow key"
        className="w-32 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
        defaultValue={value.flow ?? ""}
        onKeyDown={(e) => e.key === "Enter" && set({ flow: (e.target as HTMLInputElement).value.trim() || undefined })}
        onBlur={(e) => (e.target.value.trim() || undefined) !== value.flow && set({ flow: e.target.value.trim() || undefined })}
      />
      <select aria-label="Status" className={selectClass} value={value.status ?? ""} onChange={(e) => set({ status: e.target.value || undefined })}>
        <option value="">Any status</option>
        {["running", "succeeded", "failed", "canceled", "retry_pending", "queued"].map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {org && (
        <select aria-label="Live or test" className={selectClass} value={value.mode ?? ""} onChange={(e) => set({ mode: (e.target.value || undefined) as ExecutionFilterValues["mode"] })}>
          <option value="">Live and test</option>
          <option value="live">Live only</option>
          <option value="test">Test runs only</option>
        </select>
      )}
      <select aria-label="Time range" className={selectClass} value={value.range ?? ""} onChange={(e) => set({ range: e.target.value || undefined })}>
        <option value="">Any time</option>
        {Object.entries(RANGES).map(([k, r]) => (
          <option key={k} value={k}>
            {r.label}
          </option>
        ))}
      </select>
    </div>
  );
}

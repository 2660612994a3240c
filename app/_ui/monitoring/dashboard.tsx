"use client";
/** The monitoring overview over a chosen period, for one integration or customer or all. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Table } from "../table";
import { useTRPC } from "../trpc";
import { Card } from "../ui";
import { throttle, useExecutionEvents } from "../use-execution-events";
import { FailureRateChart, RunsChart, fillBuckets } from "./dashboard-charts";
import { FilterSelect, named } from "./filter-select";
import { formatDuration } from "./format";

const PERIODS: Record<string, { label: string; ms: number }> = {
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "3d": { label: "Last 3 days", ms: 3 * 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
};

function Kpi({ label, value, tone }: { label: string; value: string; tone?: "bad" | "ok" }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "bad" ? "text-red-600" : "text-slate-900"}`}>{value}</p>
    </div>
  );
}

/** the platform's queue now, and the synchronous calls refused over the period because of it */
function QueueStrip({ backlog }: { backlog?: { queued: number; oldestQueuedSeconds: number; refusedInPeriod: number } }) {
  return (
    <div
      className="flex flex-wrap items-center gap-x-6 gap-y-1 rounded-lg bg-white px-4 py-2 text-sm shadow-sm ring-1 ring-slate-200"
      aria-label="Queue"
    >
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Queue</span>
      <span>
        <span className="font-semibold tabular-nums">{backlog ? backlog.queued.toLocaleString() : "…"}</span> runs waiting
        {backlog && backlog.queued > 0 && (
          <span className="text-slate-500"> · oldest {formatDuration(backlog.oldestQueuedSeconds * 1000)}</span>
        )}
      </span>
      <span className={backlog && backlog.refusedInPeriod > 0 ? "text-red-600" : undefined}>
        <span className="font-semibold tabular-nums">{backlog ? backlog.refusedInPeriod.toLocaleString() : "…"}</span> synchronous calls
        refused (429, queue full) in this period
      </span>
    </div>
  );
}

export function Dashboard({ org }: { org: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState("24h");
  const [integrationId, setIntegrationId] = useState("");
  const [customerId, setCustomerId] = useState("");
  // the period's end moves forward with each live refresh
  const [now, setNow] = useState(() => Date.now());
  const until = useMemo(() => new Date(Math.ceil(now / 60_000) * 60_000), [now]);
  const since = useMemo(() => new Date(until.getTime() - PERIODS[period]!.ms), [until, period]);
  const integrations = useQuery({ ...trpc.integrations.list.queryOptions({}), enabled: org });
  const customers = useQuery({ ...trpc.customers.list.queryOptions(), enabled: org });
  const stats = useQuery({
    ...trpc.monitoring.dashboard.queryOptions({
      since,
      until,
      integrationId: integrationId || undefined,
      customerId: customerId || undefined,
    }),
    placeholderData: (prev) => prev,
  });
  const backlog = useQuery({
    ...trpc.monitoring.backlog.queryOptions({ since, until }),
    enabled: org,
    placeholderData: (prev) => prev,
    refetchInterval: 10_000,
  });
  const refresh = useMemo(
    () =>
      throttle(() => {
        // eslint-disable-next-line react-hooks/purity -- runs when an execution ends, never during render
        setNow(Date.now());
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.dashboard.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.backlog.pathKey() });
      }, 5_000),
    [queryClient, trpc],
  );
  useExecutionEvents("*", (e) => e.type === "done" && refresh());

  const s = stats.data;
  const data = s ? fillBuckets(s.series, since, until, s.bucket) : [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <FilterSelect
          label="Period"
          value={period}
          options={Object.entries(PERIODS).map(([k, p]) => ({ value: k, label: p.label }))}
          onChange={setPeriod}
        />
        {org && (
          <FilterSelect
            label="Integration"
            all="All integrations"
            value={integrationId}
            options={named(integrations.data)}
            onChange={setIntegrationId}
          />
        )}
        {org && (
          <FilterSelect label="Customer" all="All customers" value={customerId} options={named(customers.data)} onChange={setCustomerId} />
        )}
      </div>
      {stats.isError && (
        <p role="alert" className="text-sm text-red-600">
          {stats.error.message}
        </p>
      )}
      <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
        <Kpi label="Executions" value={s ? s.total.toLocaleString() : "…"} />
        <Kpi
          label="Failure rate"
          value={s ? `${(s.failureRate * 100).toFixed(1)}%` : "…"}
          tone={s && s.failureRate > 0 ? "bad" : undefined}
        />
        <Kpi label="p50 duration" value={s ? formatDuration(s.p50Ms) : "…"} />
        <Kpi label="p95 duration" value={s ? formatDuration(s.p95Ms) : "…"} />
        {org ? (
          <Link href="/monitoring/alerts" className="block">
            <Kpi label="Open alerts" value={s ? String(s.openAlerts) : "…"} tone={s && s.openAlerts > 0 ? "bad" : undefined} />
          </Link>
        ) : (
          <Kpi label="Open alerts" value={s ? String(s.openAlerts) : "…"} />
        )}
      </div>
      {org && <QueueStrip backlog={backlog.data} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Executions per ${s?.bucket ?? "hour"}`}>{s ? <RunsChart data={data} /> : <div className="h-64" />}</Card>
        <Card title="Failure rate">{s ? <FailureRateChart data={data} /> : <div className="h-64" />}</Card>
      </div>
      <Card title="Instances failing most">
        {!s || s.failingInstances.length === 0 ? (
          <p className="text-sm text-slate-500">{s ? "No failures in this period." : "…"}</p>
        ) : (
          <Table
            label="Instances failing most"
            rows={s.failingInstances}
            rowKey={(i) => i.instanceId}
            columns={[
              {
                key: "instance",
                header: "Instance",
                cell: (i) => (
                  <Link
                    className="font-medium text-brand-700 hover:underline"
                    href={`/monitoring/executions?instanceId=${i.instanceId}&status=failed`}
                  >
                    {i.instance}
                  </Link>
                ),
              },
              { key: "customer", header: "Customer", cell: (i) => i.customer, className: "text-slate-600" },
              { key: "integration", header: "Integration", cell: (i) => i.integration, className: "text-slate-600" },
              {
                key: "failed",
                header: "Failed",
                align: "right",
                cell: (i) => i.failed,
                className: "font-medium text-red-700 tabular-nums",
              },
              { key: "total", header: "of runs", align: "right", cell: (i) => i.total, className: "text-slate-600 tabular-nums" },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

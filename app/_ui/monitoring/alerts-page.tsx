"use client";
/** Alert monitors (create, edit, enable, delete) and the alert feed. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CONDITION_LABELS, type Condition } from "@/runtime/alerts/monitor-schema";
import { Table } from "../table";
import { useTRPC } from "../trpc";
import { Button, Card } from "../ui";
import { AlertFeed } from "./alert-feed";
import { MonitorForm } from "./monitor-form";

function describeCondition(c: Condition): string {
  if (c.kind === "durationOver") return `${CONDITION_LABELS[c.kind]} ${c.seconds} s`;
  if (c.kind === "logLevel") return `${CONDITION_LABELS[c.kind]} ${c.level}`;
  if (c.kind === "overdue") return `${CONDITION_LABELS[c.kind]} ${c.minutes} min`;
  return CONDITION_LABELS[c.kind];
}

export function AlertsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const monitors = useQuery(trpc.monitoring.alerts.monitors.queryOptions());
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.alerts.monitors.queryKey() });
  const toggle = useMutation(trpc.monitoring.alerts.setMonitorEnabled.mutationOptions({ onSuccess: () => void invalidate() }));
  const remove = useMutation(trpc.monitoring.alerts.deleteMonitor.mutationOptions({ onSuccess: () => void invalidate() }));
  const current = monitors.data?.find((m) => m.id === editing);

  return (
    <div className="space-y-6">
      <Card
        title="Monitors"
        actions={
          editing === null && (
            <Button onClick={() => setEditing("new")} variant="secondary">
              New monitor
            </Button>
          )
        }
      >
        {editing !== null && (
          <div className="mb-6 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
            <MonitorForm
              key={editing}
              id={current?.id}
              initial={
                current
                  ? { ...current, instanceId: current.instanceId, integrationId: current.instanceId ? null : current.integrationId }
                  : undefined
              }
              onDone={() => setEditing(null)}
            />
          </div>
        )}
        {monitors.isPending ? (
          <p className="text-sm text-slate-500">Loading monitors…</p>
        ) : !monitors.data?.length ? (
          <p className="text-sm text-slate-500">No monitors yet. A monitor watches one instance, or every instance of an integration.</p>
        ) : (
          <Table
            label="Monitors"
            rows={monitors.data}
            rowKey={(m) => m.id}
            rowClassName={(m) => (m.enabled ? "" : "opacity-60")}
            columns={[
              { key: "name", header: "Name", cell: (m) => m.name, className: "font-medium text-slate-800" },
              {
                key: "watches",
                header: "Watches",
                cell: (m) => (m.instanceId ? `instance ${m.instance}` : `all of ${m.integration}`),
                className: "text-slate-600",
              },
              { key: "when", header: "When", cell: (m) => m.conditions.map(describeCondition).join(", "), className: "text-slate-600" },
              {
                key: "sendsTo",
                header: "Sends to",
                className: "text-slate-600",
                cell: (m) =>
                  m.destinations
                    .map((d) => (d.kind === "webhook" ? `webhook ${new URL(d.url).host}` : d.kind === "email" ? `email ${d.to}` : "feed"))
                    .join(", "),
              },
              {
                key: "quiet",
                header: "Quiet",
                cell: (m) => (m.quietPeriodMinutes ? `${m.quietPeriodMinutes} min` : "—"),
                className: "text-slate-600",
              },
              {
                key: "actions",
                header: "",
                align: "right",
                className: "whitespace-nowrap",
                cell: (m) => (
                  <>
                    <Button variant="ghost" onClick={() => setEditing(m.id)}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => toggle.mutate({ id: m.id, enabled: !m.enabled })}>
                      {m.enabled ? "Pause" : "Resume"}
                    </Button>
                    <Button variant="ghost" onClick={() => confirm(`Delete the monitor ${m.name}?`) && remove.mutate({ id: m.id })}>
                      Delete
                    </Button>
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>
      <AlertFeed />
    </div>
  );
}

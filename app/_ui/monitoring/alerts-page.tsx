"use client";
/** Alert monitors (create, edit, enable, delete) and the alert feed. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CONDITION_LABELS, type Condition } from "@/runtime/alerts/monitor-schema";
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
          <table className="min-w-full text-sm" aria-label="Monitors">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-4">Name</th>
                <th className="py-1 pr-4">Watches</th>
                <th className="py-1 pr-4">When</th>
                <th className="py-1 pr-4">Sends to</th>
                <th className="py-1 pr-4">Quiet</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {monitors.data.map((m) => (
                <tr key={m.id} className={`border-t border-slate-100 ${m.enabled ? "" : "opacity-60"}`}>
                  <td className="py-2 pr-4 font-medium text-slate-800">{m.name}</td>
                  <td className="py-2 pr-4 text-slate-600">{m.instanceId ? `instance ${m.instance}` : `all of ${m.integration}`}</td>
                  <td className="py-2 pr-4 text-slate-600">{m.conditions.map(describeCondition).join(", ")}</td>
                  <td className="py-2 pr-4 text-slate-600">
                    {m.destinations
                      .map((d) => (d.kind === "webhook" ? `webhook ${new URL(d.url).host}` : d.kind === "email" ? `email ${d.to}` : "feed"))
                      .join(", ")}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{m.quietPeriodMinutes ? `${m.quietPeriodMinutes} min` : "—"}</td>
                  <td className="py-2 text-right whitespace-nowrap">
                    <Button variant="ghost" onClick={() => setEditing(m.id)}>
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => toggle.mutate({ id: m.id, enabled: !m.enabled })}>
                      {m.enabled ? "Pause" : "Resume"}
                    </Button>
                    <Button variant="ghost" onClick={() => confirm(`Delete the monitor ${m.name}?`) && remove.mutate({ id: m.id })}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <AlertFeed />
    </div>
  );
}

"use client";
/** The instance's recent runs (polled: server-sent events need a cookie the embedded views do not have), each with its logs. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ExecutionStatus } from "@/app/_ui/monitoring/execution-status";
import { formatDuration, formatTime } from "@/app/_ui/monitoring/format";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { RunLogs } from "./run-logs";

export function InstanceRuns({ instanceId, initiallyOpen }: { instanceId: string; initiallyOpen?: string | null }) {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.executions.list.queryOptions({ instanceId, limit: 20 }), refetchInterval: 3_000 });
  const [open, setOpen] = useState<string | null>(initiallyOpen ?? null);
  return (
    <Card title="Recent runs">
      <Table
        label="Recent runs"
        rows={runs.data?.items}
        rowKey={(r) => r.id}
        empty="No runs yet. Runs appear here as soon as a webhook or a schedule starts one."
        detail={(r) => r.id === open && <RunLogs id={r.id} />}
        columns={[
          { key: "queued", header: "Started", cell: (r) => formatTime(r.queuedAt), className: "text-slate-600" },
          { key: "flow", header: "Flow", cell: (r) => r.flowName },
          { key: "status", header: "Status", cell: (r) => <ExecutionStatus status={r.status} /> },
          { key: "duration", header: "Duration", cell: (r) => formatDuration(r.durationMs), className: "text-slate-600" },
          {
            key: "logs",
            header: "",
            align: "right",
            cell: (r) => (
              <button
                type="button"
                aria-expanded={r.id === open}
                aria-label={`Logs of the run ${r.id.slice(0, 8)}`}
                className="text-sm font-medium text-brand-700 hover:underline"
                onClick={() => setOpen(r.id === open ? null : r.id)}
              >
                {r.id === open ? "Hide logs" : "Logs"}
              </button>
            ),
          },
        ]}
      />
    </Card>
  );
}

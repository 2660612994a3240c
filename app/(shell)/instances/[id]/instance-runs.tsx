"use client";
import { useQuery } from "@tanstack/react-query";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { StatusBadge } from "../status-badge";

export function InstanceRuns({ id }: { id: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.executions.list.queryOptions({ instanceId: id, limit: 20 }));
  return (
    <Card title="Recent executions">
      {runs.data?.items.length === 0 ? (
        <p className="text-sm text-slate-500">No runs yet.</p>
      ) : (
        <Table
          label="Recent executions"
          rows={runs.data?.items}
          rowKey={(r) => r.id}
          columns={[
            { key: "queued", header: "Queued", cell: (r) => new Date(r.queuedAt).toLocaleString(), className: "text-slate-600" },
            { key: "flow", header: "Flow", cell: (r) => r.flow },
            { key: "source", header: "Source", cell: (r) => r.source, className: "text-slate-600" },
            { key: "status", header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
            {
              key: "duration",
              header: "Duration",
              cell: (r) => (r.durationMs == null ? "—" : `${r.durationMs} ms`),
              className: "text-slate-600",
            },
          ]}
        />
      )}
    </Card>
  );
}

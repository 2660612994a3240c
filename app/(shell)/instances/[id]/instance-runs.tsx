"use client";
/** The instance's recent executions: each row a link to its execution page (a real anchor). */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FlowName } from "@/app/_ui/monitoring/flow-name";
import { ROW_LINK, ROW_WITH_LINK } from "@/app/_ui/monitoring/row-link";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { StatusBadge } from "../status-badge";

export function InstanceRuns({ id }: { id: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.executions.list.queryOptions({ instanceId: id, limit: 20 }));
  return (
    <Card
      title="Recent executions"
      actions={
        <Link href={`/monitoring/executions?instanceId=${id}`} className="text-sm text-brand-700 hover:underline">
          All executions
        </Link>
      }
    >
      {runs.data?.items.length === 0 ? (
        <p className="text-sm text-slate-500">No runs yet.</p>
      ) : (
        <Table
          label="Recent executions"
          rows={runs.data?.items}
          rowKey={(r) => r.id}
          rowClassName={() => ROW_WITH_LINK}
          columns={[
            {
              key: "queued",
              header: "Queued",
              cell: (r) => (
                <Link
                  href={`/monitoring/executions/${r.id}`}
                  className={ROW_LINK}
                  aria-label={`Execution: ${r.flowName}, ${r.status}, ${new Date(r.queuedAt).toLocaleString()}`}
                >
                  {new Date(r.queuedAt).toLocaleString()}
                </Link>
              ),
              className: "text-slate-600",
            },
            { key: "flow", header: "Flow", cell: (r) => <FlowName name={r.flowName} flowKey={r.flow} /> },
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

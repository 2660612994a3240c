"use client";
/** Where this integration is deployed: customer, instance, version, status, last run. */
import { useQuery } from "@tanstack/react-query";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { EmptyState } from "@/app/_ui/ui";
import { useDesigner } from "./designer-context";

export function InstancesTab() {
  const d = useDesigner();
  const trpc = useTRPC();
  const instances = useQuery(trpc.instances.list.queryOptions({ integrationId: d.integrationId }));
  return (
    <div className="overflow-auto p-6">
      {instances.error && (
        <p role="alert" className="text-sm text-red-700">
          {instances.error.message}
        </p>
      )}
      {instances.data?.length === 0 && <EmptyState title="Not deployed to any customer yet." />}
      {instances.data && instances.data.length > 0 && (
        <Table
          label="Instances"
          framed
          rows={instances.data}
          rowKey={(i) => i.id}
          columns={[
            { key: "customer", header: "Customer", cell: (i) => i.customer },
            { key: "name", header: "Instance", cell: (i) => i.name },
            { key: "version", header: "Version", cell: (i) => i.version },
            { key: "status", header: "Status", cell: (i) => (i.enabled ? "enabled" : "disabled") },
            {
              key: "lastRun",
              header: "Last run",
              cell: (i) => (i.lastRunStatus ? `${i.lastRunStatus} · ${new Date(i.lastRunAt!).toLocaleString()}` : "—"),
            },
          ]}
        />
      )}
    </div>
  );
}

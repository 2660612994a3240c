"use client";
import { useQuery } from "@tanstack/react-query";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";

/** What the instance's flows saved with Persist Data (read-only). */
export function PersistedData({ id }: { id: string }) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.instances.persistedData.queryOptions({ id }));
  return (
    <Card title="Persisted data">
      {rows.data?.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing persisted.</p>
      ) : (
        <Table
          label="Persisted data"
          rows={rows.data}
          rowKey={(r) => `${r.flow}/${r.key}`}
          columns={[
            { key: "key", header: "Key", cell: (r) => r.key, className: "font-mono text-xs" },
            { key: "flow", header: "Flow", cell: (r) => r.flow || "(instance)", className: "text-slate-600" },
            { key: "value", header: "Value", cell: (r) => JSON.stringify(r.value), className: "max-w-md truncate font-mono text-xs" },
            { key: "updated", header: "Updated", cell: (r) => new Date(r.updatedAt).toLocaleString(), className: "text-slate-600" },
          ]}
        />
      )}
    </Card>
  );
}

"use client";
/** Where this integration is deployed: customer, instance, version, status, last run. */
import { useQuery } from "@tanstack/react-query";
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
        <table className="w-full rounded-lg bg-white text-left text-sm ring-1 ring-slate-200">
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-3 py-2 font-medium">Customer</th>
              <th className="px-3 py-2 font-medium">Instance</th>
              <th className="px-3 py-2 font-medium">Version</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Last run</th>
            </tr>
          </thead>
          <tbody>
            {instances.data.map((i) => (
              <tr key={i.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{i.customer}</td>
                <td className="px-3 py-2">{i.name}</td>
                <td className="px-3 py-2">{i.version}</td>
                <td className="px-3 py-2">{i.enabled ? "enabled" : "disabled"}</td>
                <td className="px-3 py-2">{i.lastRunStatus ? `${i.lastRunStatus} · ${new Date(i.lastRunAt!).toLocaleString()}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

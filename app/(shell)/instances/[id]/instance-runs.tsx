"use client";
import { useQuery } from "@tanstack/react-query";
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
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1 font-medium">Queued</th>
              <th className="py-1 font-medium">Flow</th>
              <th className="py-1 font-medium">Source</th>
              <th className="py-1 font-medium">Status</th>
              <th className="py-1 font-medium">Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.data?.items.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-1 text-slate-600">{new Date(r.queuedAt).toLocaleString()}</td>
                <td className="py-1">{r.flow}</td>
                <td className="py-1 text-slate-600">{r.source}</td>
                <td className="py-1">
                  <StatusBadge status={r.status} />
                </td>
                <td className="py-1 text-slate-600">{r.durationMs == null ? "—" : `${r.durationMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

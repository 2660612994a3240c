"use client";
import { useQuery } from "@tanstack/react-query";
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
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1 font-medium">Key</th>
              <th className="py-1 font-medium">Flow</th>
              <th className="py-1 font-medium">Value</th>
              <th className="py-1 font-medium">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.data?.map((r) => (
              <tr key={`${r.flow}/${r.key}`} className="border-t border-slate-100 align-top">
                <td className="py-1 font-mono text-xs">{r.key}</td>
                <td className="py-1 text-slate-600">{r.flow || "(instance)"}</td>
                <td className="max-w-md truncate py-1 font-mono text-xs">{JSON.stringify(r.value)}</td>
                <td className="py-1 text-slate-600">{new Date(r.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

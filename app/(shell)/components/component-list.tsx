"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_ui/trpc";
import { EmptyState } from "@/app/_ui/ui";
import { ComponentVersion } from "./component-version";

export function ComponentList() {
  const trpc = useTRPC();
  const components = useQuery(trpc.components.list.queryOptions());
  if (components.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {components.error.message}
      </p>
    );
  if (components.data?.length === 0) return <EmptyState title="No components installed." />;
  return (
    <ul className="space-y-4">
      {components.data?.map((c) => (
        <li key={c.key} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <header className="flex items-baseline gap-3 border-b border-slate-200 px-4 py-3">
            <h2 className="font-semibold text-slate-900">{c.label}</h2>
            <code className="text-xs text-slate-500">{c.key}</code>
            {c.builtIn && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">built-in</span>}
            <p className="ml-auto truncate text-sm text-slate-500">{c.description}</p>
          </header>
          <div className="divide-y divide-slate-100">
            {c.versions.map((v, i) => (
              <ComponentVersion key={v.id} componentKey={c.key} version={v} latest={i === 0} builtIn={c.builtIn} />
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

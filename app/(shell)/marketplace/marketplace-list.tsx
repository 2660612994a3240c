"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_ui/trpc";
import { IntegrationIcon } from "@/app/_ui/integration-icon";
import { EmptyState } from "@/app/_ui/ui";

export function MarketplaceList() {
  const trpc = useTRPC();
  const market = useQuery(trpc.marketplace.list.queryOptions());
  if (market.data?.length === 0) return <EmptyState title="No integration is published yet." />;
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {market.data?.map((i) => (
        <li key={i.id} className="flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex items-start gap-3">
            <IntegrationIcon icon={i.icon} name={i.name} />
            <div className="min-w-0 flex-1">
              <h2 className="font-semibold text-slate-900">{i.name}</h2>
              {i.visibility && i.visibility !== "all" && (
                <span className="text-xs text-slate-500">
                  {i.visibility === "hidden" ? "Hidden from customers" : "Chosen customers only"}
                </span>
              )}
            </div>
          </div>
          <p className="mt-2 flex-1 text-sm text-slate-600">{i.description || "No description."}</p>
          {i.labels.length > 0 && (
            <ul aria-label="Categories" className="mt-2 flex flex-wrap gap-1">
              {i.labels.map((l) => (
                <li key={l} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
                  {l}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-3 flex items-center justify-between">
            <span className="text-xs text-slate-500">version {i.latestVersion}</span>
            <Link
              href={`/deploy?integration=${i.id}`}
              aria-label={`Deploy ${i.name}`}
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              Deploy
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}

"use client";
/**
 * The embedded marketplace: what this customer may activate (the server leaves out the rest).
 * "Activate" opens the wizard; an integration the customer already runs shows "Configured" and
 * opens its instance.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_ui/trpc";
import { EmptyState } from "@/app/_ui/ui";
import { useEmbed, useViewReady } from "../_lib/embed-context";
import { primaryClass, secondaryClass, ViewHeading } from "./embed-ui";
import { MarketplaceCard } from "./marketplace-card";

export function MarketplaceView() {
  const trpc = useTRPC();
  const { canWrite } = useEmbed();
  const market = useQuery(trpc.marketplace.list.queryOptions());
  const instances = useQuery(trpc.instances.list.queryOptions({}));
  const [filter, setFilter] = useState("");
  useViewReady("marketplace", !!market.data && !!instances.data);

  if (market.isError) return <p role="alert">{market.error.message}</p>;
  if (!market.data || !instances.data) return <p className="text-sm text-slate-500">Loading integrations…</p>;
  const byIntegration = new Map(instances.data.map((i) => [i.integrationId, i]));
  const q = filter.trim().toLowerCase();
  const shown = market.data.filter(
    (i) =>
      !q ||
      i.name.toLowerCase().includes(q) ||
      i.labels.some((l) => l.toLowerCase().includes(q)) ||
      i.description.toLowerCase().includes(q),
  );

  return (
    <section aria-label="Marketplace">
      <ViewHeading
        title="Integrations"
        subtitle={
          canWrite
            ? "Connect the tools you already use."
            : "The integrations available to your account (you can look; an admin of your account activates them)."
        }
        actions={
          market.data.length > 6 && (
            <input
              aria-label="Search integrations"
              placeholder="Search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              className="w-56 rounded-[var(--junction-radius)] border-0 px-3 py-1.5 text-sm ring-1 ring-[var(--junction-border)] focus:ring-2 focus:ring-[var(--junction-primary)] focus:outline-none"
            />
          )
        }
      />
      {shown.length === 0 ? (
        <EmptyState title={market.data.length ? "No integration matches." : "No integrations are available yet."} />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((i) => {
            const instance = byIntegration.get(i.id);
            return (
              <MarketplaceCard
                key={i.id}
                integration={i}
                badge={
                  instance && (
                    <span className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-emerald-700">
                      <span aria-hidden>●</span> Configured
                    </span>
                  )
                }
                action={
                  instance ? (
                    <Link className={secondaryClass} href={`/embedded/instances/${instance.id}`} aria-label={`Open ${i.name}`}>
                      Open
                    </Link>
                  ) : canWrite ? (
                    <Link className={primaryClass} href={`/embedded/configure?integrationId=${i.id}`} aria-label={`Activate ${i.name}`}>
                      Activate
                    </Link>
                  ) : (
                    <span className="text-xs text-[var(--junction-muted)]">Not activated</span>
                  )
                }
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}

"use client";
/** One integration as the embedded marketplace shows it (Settings → Embedding previews the same card). */
import type { ReactNode } from "react";
import { IntegrationIcon } from "@/app/_ui/integration-icon";

export interface CardIntegration {
  id: string;
  name: string;
  description: string;
  icon: string | null;
  labels: string[];
}

export function MarketplaceCard({ integration: i, badge, action }: { integration: CardIntegration; badge?: ReactNode; action: ReactNode }) {
  return (
    <li
      aria-label={i.name}
      className="flex flex-col rounded-[var(--junction-radius)] bg-[var(--junction-background)] p-4 shadow-sm ring-1 ring-[var(--junction-border)]"
    >
      <div className="flex items-start gap-3">
        <IntegrationIcon icon={i.icon} name={i.name} />
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold text-[var(--junction-text)]">{i.name}</h2>
          {badge}
        </div>
      </div>
      <p className="mt-2 flex-1 text-sm text-[var(--junction-muted)]">{i.description || "No description."}</p>
      {i.labels.length > 0 && (
        <ul aria-label="Categories" className="mt-3 flex flex-wrap gap-1">
          {i.labels.map((l) => (
            <li
              key={l}
              className="rounded-full bg-[var(--junction-surface)] px-2 py-0.5 text-xs text-[var(--junction-muted)] ring-1 ring-[var(--junction-border)]"
            >
              {l}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4 flex items-center justify-end gap-2">{action}</div>
    </li>
  );
}

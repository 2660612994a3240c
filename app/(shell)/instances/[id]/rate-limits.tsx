"use client";
import { useQuery } from "@tanstack/react-query";
import { Table } from "@/app/_ui/table";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { flowKey, type Definition, type RateLimit } from "@/runtime/definition";

const COUNTED: Record<RateLimit["per"], string> = {
  flow: "for this flow",
  customer: "for the customer",
  connection: "per connection (shared by every run using the same credential)",
};

/** plain words for a rate limit: "At most 10 runs every second, per connection (…)" */
export function describeRateLimit(rate: RateLimit): string {
  const s = rate.intervalSeconds;
  const [n, unit] = s % 3600 === 0 ? [s / 3600, "hour"] : s % 60 === 0 ? [s / 60, "minute"] : [s, "second"];
  const every = n === 1 ? unit : `${n} ${unit}s`;
  return `At most ${rate.limit} run${rate.limit === 1 ? "" : "s"} every ${every}, ${COUNTED[rate.per]}`;
}

/** The instance's rate-limited flows: each one's limit and how many runs wait in the queue for it. Nothing when no flow has one. */
export function RateLimits({ id, definition }: { id: string; definition: Definition }) {
  const trpc = useTRPC();
  const limited = definition.flows.filter((f) => f.execution?.rateLimit);
  const waiting = useQuery({
    ...trpc.monitoring.waitingRuns.queryOptions({ instanceId: id }),
    enabled: limited.length > 0,
    refetchInterval: 5_000,
  });
  if (limited.length === 0) return null;
  return (
    <Card title="Rate limits">
      <Table
        label="Rate limits"
        rows={limited}
        rowKey={(f) => f.name}
        columns={[
          { key: "flow", header: "Flow", cell: (f) => f.name },
          { key: "limit", header: "Limit", cell: (f) => describeRateLimit(f.execution!.rateLimit!), className: "text-slate-600" },
          {
            key: "waiting",
            header: "Runs waiting",
            cell: (f) => (
              <span data-testid={`waiting-${flowKey(f.name)}`}>{waiting.data ? (waiting.data[flowKey(f.name)] ?? 0) : "…"}</span>
            ),
          },
        ]}
      />
      <p className="mt-2 text-xs text-slate-500">Runs over a limit wait in the queue and start as soon as it allows; none fails for it.</p>
    </Card>
  );
}

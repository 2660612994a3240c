"use client";
/** The alert feed: newest first, open or all, each with its deliveries; acknowledge one by one (the organization). */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { CONDITION_LABELS, type ConditionKind } from "@/runtime/alerts/monitor-schema";
import { useTRPC } from "../trpc";
import { Button, EmptyState } from "../ui";
import { throttle, useExecutionEvents } from "../use-execution-events";
import { ExecutionStatus } from "./execution-status";
import { formatTime } from "./format";

export function AlertFeed({
  canAcknowledge = true,
  executionHref = (id) => `/monitoring/executions/${id}`,
  liveUpdates = true,
}: {
  canAcknowledge?: boolean;
  /** where "View execution" leads (the embedded views have their own run page) */
  executionHref?: (executionId: string) => string;
  /** server-sent events need a session cookie; the embedded views poll instead */
  liveUpdates?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(true);
  const events = useInfiniteQuery(
    trpc.monitoring.alerts.events.infiniteQueryOptions({ open, limit: 30 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.alerts.events.pathKey() });
  const ack = useMutation(trpc.monitoring.alerts.acknowledge.mutationOptions({ onSuccess: () => void invalidate() }));
  // alerts follow finished runs (and deliveries take a moment): refresh after runs end
  const refresh = useMemo(
    () => throttle(() => void queryClient.invalidateQueries({ queryKey: trpc.monitoring.alerts.events.pathKey() }), 1500),
    [queryClient, trpc],
  );
  useExecutionEvents(liveUpdates ? "*" : null, (e) => e.type !== "steps" && refresh());

  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-label="Alert feed">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-800">Alert feed</h2>
        <div className="flex gap-1" role="group" aria-label="Which alerts">
          {[true, false].map((v) => (
            <button
              key={String(v)}
              type="button"
              aria-pressed={open === v}
              onClick={() => setOpen(v)}
              className={`rounded px-2 py-0.5 text-xs ring-1 ${open === v ? "bg-brand-50 text-brand-700 ring-brand-500" : "text-slate-600 ring-slate-300"}`}
            >
              {v ? "Open" : "All"}
            </button>
          ))}
        </div>
      </div>
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading alerts…</p>
      ) : rows.length === 0 ? (
        <EmptyState title={open ? "No open alerts." : "No alerts yet."} />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {rows.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-4 px-4 py-3" aria-label={`Alert ${a.monitor}`}>
              <div className="min-w-0">
                <p className="text-sm">
                  <span className="mr-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">
                    {CONDITION_LABELS[a.condition as ConditionKind] ?? a.condition}
                  </span>
                  <span className="font-medium text-slate-800">{a.monitor}</span>
                  <span className="ml-2 text-xs text-slate-500">{formatTime(a.createdAt)}</span>
                </p>
                <p className="mt-1 text-sm break-words text-slate-700">{a.message}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  {a.executionId && (
                    <Link className="text-brand-700 hover:underline" href={executionHref(a.executionId)}>
                      View execution
                    </Link>
                  )}
                  {a.deliveries.map((d, i) => (
                    <span key={i} className="inline-flex items-center gap-1" title={d.lastError ?? undefined}>
                      {d.kind}
                      {d.kind !== "feed" && (
                        <>
                          <ExecutionStatus status={d.status} />
                          {d.attempts > 1 && <span>{d.attempts} tries</span>}
                          {d.lastError && d.status !== "delivered" && <span className="text-red-600">{d.lastError}</span>}
                        </>
                      )}
                    </span>
                  ))}
                </p>
              </div>
              <div className="shrink-0 text-right">
                {a.acknowledgedAt ? (
                  <p className="text-xs text-slate-500">acknowledged by {a.acknowledgedBy}</p>
                ) : canAcknowledge ? (
                  <Button variant="secondary" onClick={() => ack.mutate({ id: a.id })} disabled={ack.isPending}>
                    Acknowledge
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {events.hasNextPage && (
        <div className="mt-3 text-center">
          <Button variant="secondary" onClick={() => events.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </section>
  );
}

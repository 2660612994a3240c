"use client";
/** A run's error and log lines (refreshed while it is still going). */
import { useQuery } from "@tanstack/react-query";
import { ExecutionLogs } from "@/app/_ui/monitoring/execution-logs";
import { useTRPC } from "@/app/_ui/trpc";

const LIVE = new Set(["queued", "running", "retry_pending"]);

export function RunLogs({ id }: { id: string }) {
  const trpc = useTRPC();
  const summary = useQuery({
    ...trpc.executions.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && LIVE.has(q.state.data.status) ? 2_000 : false),
  });
  const live = !!summary.data && LIVE.has(summary.data.status);
  const detail = useQuery({ ...trpc.executions.detail.queryOptions({ id }), refetchInterval: live ? 2_000 : false });
  if (summary.isError) return <p role="alert">{summary.error.message}</p>;
  if (!summary.data || !detail.data) return <p className="text-sm text-slate-500">Loading the run…</p>;
  const error = summary.data.error;
  return (
    <div className="space-y-3" aria-label={`Run ${id.slice(0, 8)}`}>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error.stepKey ? `${error.stepKey}: ` : ""}
          {error.message}
        </p>
      )}
      <ExecutionLogs logs={detail.data.logs} attempts={summary.data.attempt} />
    </div>
  );
}

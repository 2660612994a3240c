"use client";
/** One run (opened from an alert): its status, error and logs, and the way back to its instance. */
import { useQuery } from "@tanstack/react-query";
import { ExecutionStatus } from "@/app/_ui/monitoring/execution-status";
import { formatDuration, formatTime } from "@/app/_ui/monitoring/format";
import { useTRPC } from "@/app/_ui/trpc";
import { Card } from "@/app/_ui/ui";
import { useViewReady } from "../_lib/embed-context";
import { BackLink, Refusal, ViewHeading } from "./embed-ui";
import { RunLogs } from "./run-logs";

export function RunView({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.executions.get.queryOptions({ id }));
  useViewReady("run", !!run.data || run.isError);
  if (run.isError) return <Refusal>{run.error.message}</Refusal>;
  if (!run.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const r = run.data;
  return (
    <>
      <BackLink href={r.instanceId ? `/embedded/instances/${r.instanceId}` : "/embedded/alerts"}>
        {r.instanceId ? "The integration" : "Alerts"}
      </BackLink>
      <ViewHeading
        title={`Run of ${r.flow}`}
        subtitle={
          <span className="inline-flex items-center gap-2">
            <ExecutionStatus status={r.status} /> {formatTime(r.queuedAt)} · {formatDuration(r.durationMs)}
          </span>
        }
      />
      <Card title="Logs">
        <RunLogs id={id} />
      </Card>
    </>
  );
}

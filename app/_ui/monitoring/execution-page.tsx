"use client";
/**
 * One execution: who and what it ran (flow and steps by the names the designer shows), its
 * trigger, each attempt, each step as a waterfall with inputs and results, its logs, its result
 * (none for a failed run: it says where it failed) — updated live while it runs — and Replay.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { JsonTree } from "../json-tree";
import { Table } from "../table";
import { useTRPC } from "../trpc";
import { Button, Card } from "../ui";
import { throttle, useExecutionEvents } from "../use-execution-events";
import { ExecutionLogs } from "./execution-logs";
import { ExecutionStatus } from "./execution-status";
import { formatBytes, formatDuration, formatTime } from "./format";
import { stepNames } from "./step-names";
import { RunResult, type RunResultMeta } from "./run-result";
import { StepWaterfall } from "./step-waterfall";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-800">{children}</dd>
    </div>
  );
}

export function ExecutionPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const summary = useQuery(trpc.executions.get.queryOptions({ id }));
  const detail = useQuery(trpc.executions.detail.queryOptions({ id }));
  const links = useQuery(trpc.monitoring.executionLinks.queryOptions({ id }));
  // the definition a run used never changes: read once, not on every live update
  const outline = useQuery({ ...trpc.monitoring.executionOutline.queryOptions({ id }), staleTime: Infinity });
  const names = useMemo(() => stepNames(outline.data?.steps), [outline.data]);
  const [attempt, setAttempt] = useState<number | null>(null);

  const refresh = useMemo(
    () =>
      throttle(() => {
        for (const key of [
          trpc.executions.get.queryKey({ id }),
          trpc.executions.detail.queryKey({ id }),
          trpc.monitoring.executionLinks.queryKey({ id }),
        ]) {
          void queryClient.invalidateQueries({ queryKey: key });
        }
      }, 250),
    [queryClient, trpc, id],
  );
  useExecutionEvents(id, refresh);

  const replay = useMutation(
    trpc.executions.replay.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.executionLinks.queryKey({ id }) });
        router.push(`/monitoring/executions/${r.id}`);
      },
    }),
  );

  if (summary.isError) {
    return (
      <p role="alert" className="text-sm text-red-600">
        {summary.error.message}
      </p>
    );
  }
  const e = summary.data;
  if (!e) return <p className="text-sm text-slate-500">Loading execution…</p>;
  const l = links.data;
  const d = detail.data;
  const shownAttempt = attempt ?? e.attempt;
  const steps = (d?.steps ?? []).filter((s) => s.attempt === shownAttempt);
  const live = e.status === "running" || e.status === "queued";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/monitoring/executions" className="hover:text-slate-800">
              Executions
            </Link>{" "}
            / <span className="font-mono">{id.slice(0, 8)}</span>
          </p>
          <h2 className="mt-1 flex items-center gap-3 text-lg font-semibold text-slate-900">
            {l?.instance ?? l?.integration ?? "Execution"}
            <span className="text-base font-normal text-slate-600">
              {outline.data?.flow?.name ?? e.flow}
              {outline.data?.flow && outline.data.flow.name !== e.flow && (
                <span className="ml-2 font-mono text-xs text-slate-400" title="The flow's key, as in its webhook URL">
                  {e.flow}
                </span>
              )}
            </span>
            <ExecutionStatus status={e.status} />
            {live && <span className="text-xs font-normal text-sky-700">live</span>}
          </h2>
          {e.replayOf && (
            <p className="mt-1 text-sm text-slate-600">
              Replay of{" "}
              <Link className="font-mono text-brand-700 hover:underline" href={`/monitoring/executions/${e.replayOf}`}>
                {e.replayOf.slice(0, 8)}
              </Link>
            </p>
          )}
          {!!l?.replays.length && (
            <p className="mt-1 text-sm text-slate-600" aria-label="Replays">
              Replayed as{" "}
              {l.replays.map((r, i) => (
                <span key={r.id}>
                  {i > 0 && ", "}
                  <Link className="font-mono text-brand-700 hover:underline" href={`/monitoring/executions/${r.id}`}>
                    {r.id.slice(0, 8)}
                  </Link>{" "}
                  <span className="text-xs text-slate-500">({r.status})</span>
                </span>
              ))}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate({ id })}>
            Replay
          </Button>
          {!e.isTest && (
            <Button variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate({ id, latestVersion: true })}>
              Replay on latest version
            </Button>
          )}
        </div>
      </div>
      {replay.isError && (
        <p role="alert" className="text-sm text-red-600">
          {replay.error.message}
        </p>
      )}

      <Card>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4 lg:grid-cols-8">
          <Fact label="Customer">{l?.customer ?? (e.isTest ? "test run" : "—")}</Fact>
          <Fact label="Integration">
            {l?.integration ?? "—"}
            {l?.version ? <span className="text-slate-500"> v{l.version}</span> : null}
          </Fact>
          <Fact label="Source">
            {e.source}
            {e.synchronous ? " (sync)" : ""}
          </Fact>
          <Fact label="Queued">{formatTime(e.queuedAt)}</Fact>
          <Fact label="Started">{formatTime(e.startedAt)}</Fact>
          <Fact label="Finished">{formatTime(e.finishedAt)}</Fact>
          <Fact label="Duration">{formatDuration(e.durationMs)}</Fact>
          <Fact label="Attempt">
            {e.attempt} of {e.maxAttempts}
          </Fact>
        </dl>
        {e.error && (
          <div role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            <span className="font-medium">{e.error.stepKey ? `Step ${names.name(e.error.stepKey)} failed: ` : "Failed: "}</span>
            {e.error.message}
          </div>
        )}
        {l?.pruned && (
          <p className="mt-3 text-xs text-slate-500">Step results and logs of this run were pruned by retention; the summary stays.</p>
        )}
      </Card>

      <Card
        title="Steps"
        actions={
          e.attempts.length > 1 ? (
            <div className="flex gap-1" role="group" aria-label="Attempts">
              {e.attempts.map((a) => (
                <button
                  key={a.attempt}
                  type="button"
                  onClick={() => setAttempt(a.attempt)}
                  aria-pressed={a.attempt === shownAttempt}
                  className={`rounded px-2 py-0.5 text-xs ring-1 ${a.attempt === shownAttempt ? "bg-brand-50 text-brand-700 ring-brand-500" : "text-slate-600 ring-slate-300"}`}
                >
                  Attempt {a.attempt} · {a.status}
                </button>
              ))}
            </div>
          ) : undefined
        }
      >
        {d ? <StepWaterfall key={shownAttempt} steps={steps} names={names} /> : <p className="text-sm text-slate-500">Loading steps…</p>}
      </Card>

      <Card title="Logs">
        {d ? (
          <ExecutionLogs logs={d.logs} attempts={e.attempts.length} names={names} />
        ) : (
          <p className="text-sm text-slate-500">Loading logs…</p>
        )}
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Trigger">
          {l?.triggerBody && (
            <p className="mb-2 text-sm text-slate-700">
              Body: binary {l.triggerBody.contentType}, {formatBytes(l.triggerBody.size)}{" "}
              <a className="text-brand-600 hover:underline" href={`/api/executions/${id}/trigger-body`}>
                Download
              </a>
            </p>
          )}
          {d ? <JsonTree value={d.trigger} openDepth={1} label="Trigger payload" /> : null}
        </Card>
        <Card title="Result">
          {e.status === "failed" ? (
            // runs recorded before failed runs stopped storing a result still hold the last step's: never shown as the run's
            <p className="text-sm text-slate-600">
              No result: the run failed
              {e.error?.stepKey ? (
                <>
                  {" "}
                  at step <span className="font-medium">{names.name(e.error.stepKey)}</span>
                </>
              ) : null}
              {e.error?.message ? <> with “{e.error.message}”.</> : "."}
            </p>
          ) : d ? (
            <RunResult id={id} result={d.result} meta={d.resultMeta as RunResultMeta | null} />
          ) : null}
        </Card>
      </div>

      {e.attempts.length > 0 && (
        <Card title="Attempts">
          <Table
            label="Attempts table"
            rows={e.attempts}
            rowKey={(a) => String(a.attempt)}
            columns={[
              { key: "attempt", header: "#", cell: (a) => a.attempt },
              { key: "status", header: "Status", cell: (a) => <ExecutionStatus status={a.status} /> },
              { key: "started", header: "Started", cell: (a) => formatTime(a.startedAt), className: "text-xs" },
              {
                key: "duration",
                header: "Duration",
                className: "text-xs",
                cell: (a) => (a.finishedAt ? formatDuration(new Date(a.finishedAt).getTime() - new Date(a.startedAt).getTime()) : "—"),
              },
              { key: "worker", header: "Worker", cell: (a) => a.workerId ?? "—", className: "font-mono text-xs text-slate-500" },
              {
                key: "error",
                header: "Error",
                cell: (a) => (a.error as { message?: string } | null)?.message,
                className: "text-xs text-red-700",
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/app/_ui/trpc";

const LIVE = new Set(["queued", "running", "retry_pending"]);

/** A test run's outcome in words, its result or error, and a link to the run (polled until it ends). */
export function TestRunOutcome({ id, flowName, onFinished }: { id: string; flowName: string; onFinished: () => void }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.executions.get.queryOptions({ id }),
    refetchInterval: (q) => (!q.state.data || LIVE.has(q.state.data.status) ? 1_000 : false),
  });
  const ended = !!run.data && !LIVE.has(run.data.status);
  const detail = useQuery({ ...trpc.executions.detail.queryOptions({ id }), enabled: ended && run.data?.status === "succeeded" });
  // the failing step by the name the designer gives it (the error carries its key)
  const outline = useQuery({ ...trpc.monitoring.executionOutline.queryOptions({ id }), enabled: !!run.data?.error?.stepKey });
  const failedStep = outline.data?.steps.find((s) => s.key === run.data?.error?.stepKey)?.name;
  // once: the parent's callback is a new function on every render
  const told = useRef(false);
  useEffect(() => {
    if (ended && !told.current) {
      told.current = true;
      onFinished();
    }
  }, [ended, onFinished]);

  const e = run.data;
  const words = !e
    ? "Starting the test run…"
    : e.status === "succeeded"
      ? `The test run of ${flowName} succeeded${e.durationMs !== null ? ` in ${e.durationMs} ms` : ""}.`
      : e.status === "failed"
        ? `The test run of ${flowName} failed${failedStep ? ` in the step “${failedStep}”` : ""}.`
        : e.status === "canceled"
          ? `The test run of ${flowName} was canceled.`
          : `The test run of ${flowName} is ${e.status === "queued" ? "waiting for a worker" : "running"}…`;
  const tone =
    e?.status === "succeeded" ? "text-emerald-800" : e?.status === "failed" || e?.status === "canceled" ? "text-red-800" : "text-slate-700";
  return (
    <div data-testid="test-outcome" className="space-y-2 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <p role="status" className={`font-medium ${tone}`}>
        {words}{" "}
        <Link className="font-normal text-brand-700 hover:underline" href={`/monitoring/executions/${id}`}>
          Open the run
        </Link>
      </p>
      {e?.error && <p className="text-xs whitespace-pre-wrap text-red-800">{e.error.message}</p>}
      {detail.data && (
        <div>
          <p className="text-xs text-slate-500">Result</p>
          <pre className="mt-1 max-h-64 overflow-auto text-xs whitespace-pre-wrap text-slate-800">
            {detail.data.result === null || detail.data.result === undefined ? "(no result)" : JSON.stringify(detail.data.result, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}

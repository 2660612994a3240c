"use client";
/**
 * The test run the designer shows (the one just started, else the newest): its status, step
 * results and logs. While it runs, the monitoring service's server-sent events say when results or
 * log lines were written and when it ended, and only then is it read again — no polling. Step
 * results feed the reference picker's paths.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { throttle, useExecutionEvents } from "@/app/_ui/use-execution-events";
import { useTRPC } from "@/app/_ui/trpc";
import type { LastRun, RunStep } from "./designer-context";

const FINISHED = new Set(["succeeded", "failed", "canceled", "stopped"]);
export const isFinished = (status: string | undefined) => status !== undefined && FINISHED.has(status);

const NO_RUN = "00000000-0000-0000-0000-000000000000";

export function useLastRun(integrationId: string, chosenId: string | null): LastRun | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({ ...trpc.executions.list.queryOptions({ integrationId, isTest: true, limit: 20 }), enabled: chosenId === null });
  const id = chosenId ?? runs.data?.items[0]?.id ?? null;
  const run = useQuery({ ...trpc.executions.get.queryOptions({ id: id ?? NO_RUN }), enabled: id !== null });
  const detail = useQuery({ ...trpc.executions.detail.queryOptions({ id: id ?? NO_RUN }), enabled: id !== null });
  const running = id !== null && run.data !== undefined && !isFinished(run.data.status);

  // a burst of step and log events becomes one read; the stream's `open` (also after a reconnect)
  // reads what was written before it was listening, so a run that ends first is never missed
  const refresh = useMemo(
    () =>
      throttle(() => {
        if (!id) return;
        for (const queryKey of [trpc.executions.get.queryKey({ id }), trpc.executions.detail.queryKey({ id })])
          void queryClient.invalidateQueries({ queryKey });
      }, 250),
    [queryClient, trpc, id],
  );
  // the two reads are separate: a run that ended between them shows its final status with the
  // step results read before; once it is seen finished, its results are read once more (they are
  // committed with, or before, the final status)
  const status = run.data?.status;
  useEffect(() => {
    if (id && isFinished(status)) void queryClient.invalidateQueries({ queryKey: trpc.executions.detail.queryKey({ id }) });
  }, [id, status, queryClient, trpc]);
  useExecutionEvents(running ? id : null, (event) => {
    refresh();
    // the earlier test runs table shows the final status too
    if (event.type === "done") void queryClient.invalidateQueries({ queryKey: trpc.executions.list.queryKey() });
  });

  if (id === null) return null;
  return {
    id,
    status: run.data?.status,
    error: run.data?.error,
    trigger: detail.data?.trigger ?? null,
    steps: (detail.data?.steps ?? []) as unknown as RunStep[],
    logs: detail.data?.logs ?? [],
  };
}

"use client";
/**
 * The test run the designer shows (the one just started, else the newest): its status, step
 * results and logs, polled while it runs. Step results feed the reference picker's paths.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../../../../_ui/trpc";
import type { LastRun, RunStep } from "./designer-context";

const FINISHED = new Set(["succeeded", "failed", "canceled", "stopped"]);
export const isFinished = (status: string | undefined) => status !== undefined && FINISHED.has(status);

export function useLastRun(integrationId: string, chosenId: string | null): LastRun | null {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.executions.list.queryOptions({ integrationId, isTest: true, limit: 20 }), enabled: chosenId === null });
  const id = chosenId ?? runs.data?.items[0]?.id ?? null;
  const poll = (status: string | undefined) => (isFinished(status) ? false : 500);
  const run = useQuery({
    ...trpc.executions.get.queryOptions({ id: id ?? "00000000-0000-0000-0000-000000000000" }),
    enabled: id !== null,
    refetchInterval: (q) => poll(q.state.data?.status),
  });
  const finished = isFinished(run.data?.status);
  const detail = useQuery({
    ...trpc.executions.detail.queryOptions({ id: id ?? "00000000-0000-0000-0000-000000000000" }),
    enabled: id !== null,
    // one more read after the run ends, so the last results and log lines are in
    refetchInterval: finished ? false : 500,
  });
  const { refetch } = detail;
  useEffect(() => {
    if (finished) void refetch();
  }, [finished, refetch]);
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

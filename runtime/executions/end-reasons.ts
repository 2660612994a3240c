/** What the error of an execution or attempt says when it did not end by its own doing. */

/** a pending retry canceled by a newer invocation with the same cancelation key */
export const CANCELED_BY_NEWER = "canceled: a newer invocation with the same cancelation key arrived";

/** runs of a disabled instance end without running (disabling cancels them; a late one is canceled when claimed) */
export const CANCELED_BY_DISABLING = "canceled: the instance was disabled";

/** an attempt whose worker stopped heartbeating (SIGKILL, a crash, a lost machine) */
export function workerLost(attempt: number, workerId: string | null, next: "rerun" | "retry" | "none"): string {
  const then =
    next === "rerun"
      ? "; it runs again (a crash of the platform, not the flow's failure)"
      : next === "retry"
        ? "; the flow's retry takes over"
        : "";
  return `worker lost: the worker running attempt ${attempt} (${workerId ?? "unknown"}) stopped mid-run (killed or crashed)${then}`;
}

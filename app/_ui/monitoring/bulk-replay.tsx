"use client";
/**
 * Bulk replay from the executions list: "Replay N runs…" for the runs its filters select, a
 * confirmation with the count and the side-effects warning, then the background job's progress
 * (replayed / failed / remaining) with a cancel button, refreshed each second while one runs.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Modal } from "../designer/modal";
import { useTRPC } from "../trpc";
import { Button } from "../ui";

type Status = "queued" | "running" | "succeeded" | "failed" | "canceled" | "retry_pending";

export interface BulkReplayFilter {
  integrationId?: string;
  customerId?: string;
  instanceId?: string;
  flow?: string;
  status?: Status;
  isTest?: boolean;
  since?: string;
}

const runs = (n: number) => `${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"}`;

/** the button (shown once the filters narrow the list) and the progress of bulk replays under way */
export function BulkReplayBar({ filter }: { filter: BulkReplayFilter }) {
  const narrowed = !!(filter.instanceId || filter.integrationId || filter.customerId || filter.flow || filter.status);
  return (
    <div className="mb-3 space-y-2">
      <BulkReplayProgress />
      {narrowed && <BulkReplayButton filter={filter} />}
    </div>
  );
}

function BulkReplayButton({ filter }: { filter: BulkReplayFilter }) {
  const trpc = useTRPC();
  const count = useQuery(trpc.executions.bulkReplayCount.queryOptions(filter));
  // the runs queued up to when the dialog opened: what it counts is what is replayed
  const [until, setUntil] = useState<string | null>(null);
  const n = count.data?.count ?? 0;
  if (n === 0) return null;
  return (
    <div className="flex justify-end">
      <Button variant="secondary" onClick={() => setUntil(new Date().toISOString())}>
        Replay {runs(n)}…
      </Button>
      {until && <ConfirmBulkReplay filter={{ ...filter, until }} onClose={() => setUntil(null)} />}
    </div>
  );
}

function ConfirmBulkReplay({ filter, onClose }: { filter: BulkReplayFilter & { until: string }; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.executions.bulkReplayCount.queryOptions(filter));
  const [latestVersion, setLatestVersion] = useState(false);
  const start = useMutation(
    trpc.executions.bulkReplay.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.executions.bulkReplays.queryKey() });
        onClose();
      },
    }),
  );
  const n = count.data?.count;
  return (
    <Modal title={n === undefined ? "Replay runs" : `Replay ${runs(n)}`} onClose={onClose}>
      <div className="space-y-3 text-sm text-slate-700">
        {n === undefined ? (
          <p>Counting the runs…</p>
        ) : (
          <p>
            <strong>{runs(n)}</strong> matching these filters will run again with the trigger data each received, as new runs linked to the
            originals. They are replayed in the background, a few a second, and you can cancel at any time.
          </p>
        )}
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
          Replaying repeats side effects. A flow that is not idempotent (one that creates orders, sends messages or charges cards) does so
          again for every run replayed. Replay only runs whose effects are safe to repeat.
        </p>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={latestVersion} onChange={(e) => setLatestVersion(e.target.checked)} />
          Run on each instance&apos;s current version (instead of the version each run ran on)
        </label>
        {start.isError && (
          <p role="alert" className="text-red-600">
            {start.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!n || start.isPending} onClick={() => start.mutate({ filter, latestVersion })}>
            {start.isPending ? "Starting…" : n === undefined ? "Replay" : `Replay ${runs(n)}`}
          </Button>
        </div>
      </div>
    </Modal>
  );
}

const STATUS_TEXT: Record<string, string> = { queued: "Starting", running: "Replaying", completed: "Done", canceled: "Canceled" };

function BulkReplayProgress() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.executions.bulkReplays.queryOptions(),
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === "queued" || b.status === "running") ? 1000 : false),
  });
  const cancel = useMutation(
    trpc.executions.bulkReplayCancel.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.executions.bulkReplays.queryKey() }),
    }),
  );
  // under way, and those that ended in the last hour (the server's choice)
  const shown = list.data ?? [];
  if (shown.length === 0) return null;
  return (
    <ul className="space-y-2">
      {shown.map((b) => {
        const active = b.status === "queued" || b.status === "running";
        const pct = b.total ? Math.round(((b.replayed + b.failed) / b.total) * 100) : 0;
        return (
          <li key={b.id} aria-label="Bulk replay" className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="text-sm">
                <span className="font-medium text-slate-800">
                  {active && b.cancelRequested ? "Canceling" : STATUS_TEXT[b.status]} — bulk replay of {runs(b.total)}
                </span>
                <span className="ml-3 text-slate-600 tabular-nums" aria-label="Progress">
                  {b.replayed.toLocaleString("en-US")} replayed · {b.failed.toLocaleString("en-US")} failed ·{" "}
                  {b.remaining.toLocaleString("en-US")} remaining
                </span>
              </div>
              {active && !b.cancelRequested && (
                <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: b.id })}>
                  Cancel bulk replay
                </Button>
              )}
            </div>
            <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-100" aria-hidden>
              <div className={`h-full ${b.failed ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${pct}%` }} />
            </div>
            {b.lastError && active && <p className="mt-1 text-xs text-amber-700">Retrying after an error: {b.lastError}</p>}
          </li>
        );
      })}
    </ul>
  );
}

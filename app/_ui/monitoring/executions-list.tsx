"use client";
/**
 * The executions list: filters in the URL, keyset pages from the server ("Load more"), refreshed
 * live (at most once a second) while runs write results or finish in any process. Each row is a
 * link to its execution (a real anchor: open in a new tab, middle-click).
 */
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Table } from "../table";
import { useTRPC } from "../trpc";
import { Button, EmptyState } from "../ui";
import { throttle, useExecutionEvents } from "../use-execution-events";
import { BulkReplayBar } from "./bulk-replay";
import { ExecutionFilters, RANGES, type ExecutionFilterValues } from "./execution-filters";
import { ExecutionStatus } from "./execution-status";
import { FlowName } from "./flow-name";
import { formatDuration, formatTime } from "./format";
import { ROW_LINK, ROW_WITH_LINK } from "./row-link";

const KEYS = ["integrationId", "customerId", "instanceId", "flow", "status", "mode", "range"] as const;
type Status = "queued" | "running" | "succeeded" | "failed" | "canceled" | "retry_pending";

const errorOf = (r: { error?: unknown }) => (r.error as { message?: string } | null)?.message;

const filtersOf = (params: { get(key: string): string | null }): ExecutionFilterValues =>
  Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));

export function ExecutionsList({ org }: { org: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // held here as well as in the URL: the URL catches up a moment later (a router transition), and a
  // second filter chosen meanwhile must add to the first, not to the URL's older value
  const query = params.toString();
  const [filters, setFilterState] = useState<ExecutionFilterValues>(() => filtersOf(params));
  const [seenQuery, setSeenQuery] = useState(query);
  if (query !== seenQuery) {
    setSeenQuery(query);
    setFilterState(filtersOf(new URLSearchParams(query)));
  }
  const setFilters = (v: ExecutionFilterValues) => {
    setFilterState(v);
    const q = new URLSearchParams(Object.entries(v).filter(([, x]) => x) as [string, string][]);
    router.replace(`${pathname}${q.size ? `?${q}` : ""}`);
  };

  // the range is resolved once per filter change, so "last hour" does not move under the pages
  const range = filters.range;
  // eslint-disable-next-line react-hooks/purity -- reading the clock once per range change is the point
  const since = useMemo(() => (range && RANGES[range] ? new Date(Date.now() - RANGES[range].ms).toISOString() : undefined), [range]);
  const bulkFilter = {
    integrationId: filters.integrationId,
    customerId: filters.customerId,
    instanceId: filters.instanceId,
    flow: filters.flow,
    status: filters.status as Status | undefined,
    isTest: filters.mode ? filters.mode === "test" : undefined,
    since,
  };
  const input = { ...bulkFilter, limit: 50 };
  const list = useInfiniteQuery(
    trpc.executions.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );

  const refresh = useMemo(
    () =>
      throttle(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.executions.list.pathKey() });
        // the "Replay N runs…" count follows the list
        void queryClient.invalidateQueries({ queryKey: trpc.executions.bulkReplayCount.pathKey() });
      }, 1000),
    [queryClient, trpc],
  );
  useExecutionEvents("*", refresh);

  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <ExecutionFilters value={filters} onChange={setFilters} org={org} />
      <BulkReplayBar filter={bulkFilter} />
      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading executions…</p>
      ) : list.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {list.error.message}
        </p>
      ) : rows.length === 0 ? (
        <EmptyState title="No executions match these filters." />
      ) : (
        <div className="space-y-3">
          <Table
            label="Executions"
            framed
            rows={rows}
            rowKey={(r) => r.id}
            rowClassName={() => ROW_WITH_LINK}
            columns={[
              {
                key: "status",
                header: "Status",
                className: "whitespace-nowrap",
                cell: (r) => (
                  <Link
                    href={`/monitoring/executions/${r.id}`}
                    className={`inline-flex items-center gap-2 ${ROW_LINK}`}
                    aria-label={`Execution ${r.id}`}
                  >
                    <ExecutionStatus status={r.status} />
                    {r.attempt > 1 && <span className="text-xs text-slate-500">attempt {r.attempt}</span>}
                  </Link>
                ),
              },
              {
                key: "instance",
                header: "Instance",
                cell: (r) => (
                  <>
                    <Link href={`/monitoring/executions/${r.id}`} className="relative font-medium text-slate-800 hover:text-brand-700">
                      {r.instance ?? (r.isTest ? `${r.integration ?? "Integration"} (test)` : "—")}
                    </Link>
                    {r.customer && <div className="text-xs text-slate-500">{r.customer}</div>}
                  </>
                ),
              },
              { key: "flow", header: "Flow", cell: (r) => <FlowName name={r.flowName} flowKey={r.flow} />, className: "text-slate-700" },
              {
                key: "source",
                header: "Source",
                className: "text-xs text-slate-600",
                cell: (r) => (
                  <>
                    {r.source}
                    {r.isTest && <span className="ml-1 rounded bg-violet-50 px-1 text-violet-700">test</span>}
                  </>
                ),
              },
              {
                key: "queued",
                header: "Queued",
                cell: (r) => formatTime(r.queuedAt),
                className: "text-xs whitespace-nowrap text-slate-600",
              },
              {
                key: "duration",
                header: "Duration",
                align: "right",
                cell: (r) => formatDuration(r.durationMs),
                className: "text-xs whitespace-nowrap text-slate-600 tabular-nums",
              },
              // the message is cut to one line; its title shows it whole
              {
                key: "error",
                header: "Error",
                cell: (r) => <span title={errorOf(r)}>{errorOf(r)}</span>,
                className: "max-w-xs truncate text-xs text-red-700",
              },
            ]}
          />
          {list.hasNextPage && (
            <div className="text-center">
              <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}

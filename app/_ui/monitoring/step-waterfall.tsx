"use client";
/**
 * Steps of one attempt as a timing waterfall, in the order they ran: each step by its name (its
 * key beside it, as references use it), each loop iteration indented under its loop, a bar placed
 * by its start and length; a row opens to its censored inputs, its result and its error.
 */
import { useState } from "react";
import { JsonTree, SummaryBadge, isBinary, isTruncated } from "../json-tree";
import { ExecutionStatus } from "./execution-status";
import { formatBytes, formatDuration } from "./format";
import { NO_NAMES, type StepNames } from "./step-names";

export interface StepRow {
  id: number;
  attempt: number;
  stepKey: string;
  iteration: number[] | null;
  status: string;
  inputs?: unknown;
  result?: unknown;
  resultSize: number;
  error?: unknown;
  startedAt: string | Date;
  durationMs: number;
}

export function StoredValue({ value, label }: { value: unknown; label: string }) {
  if (value === null || value === undefined) return <p className="text-xs text-slate-400">none</p>;
  if (isBinary(value) || isTruncated(value))
    return (
      <div className="font-mono text-xs">
        <SummaryBadge value={value} />
      </div>
    );
  return <JsonTree value={value} label={label} />;
}

function StepDetail({ step, name }: { step: StepRow; name: string }) {
  const error = step.error as { message?: string; stack?: string } | null;
  return (
    <div className="grid gap-4 border-t border-slate-100 bg-slate-50/60 px-4 py-3 md:grid-cols-2">
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-600 uppercase">Inputs (credentials censored)</h4>
        <StoredValue value={step.inputs} label={`Inputs of ${name}`} />
      </div>
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-600 uppercase">
          Result <span className="font-normal text-slate-400 normal-case">({formatBytes(step.resultSize)})</span>
        </h4>
        {error ? (
          <div role="alert" className="rounded bg-red-50 p-2 text-xs text-red-800">
            <p className="font-medium">{error.message ?? JSON.stringify(error)}</p>
            {error.stack && <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap text-red-700/80">{error.stack}</pre>}
          </div>
        ) : (
          <StoredValue value={step.result} label={`Result of ${name}`} />
        )}
      </div>
    </div>
  );
}

const startOf = (s: StepRow) => new Date(s.startedAt).getTime();
const compareIterations = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/**
 * Top-level steps in the order they ran, each followed by the loop iterations that ran inside it,
 * in iteration order. The server sends rows in start order (to the microsecond for runs recorded
 * since it kept them so); rows started within one whole millisecond (older runs) go by the
 * flow's own order of steps, the same in every run: a branch before the steps inside it.
 * Rows do not name their loop, but they are written as steps finish, so an iteration belongs to
 * the first top-level step written after it: its loop, which finishes last. Iterations of a loop
 * still running wait at the top.
 */
export function orderSteps(steps: StepRow[], names: StepNames = NO_NAMES): StepRow[] {
  const position = new Map(steps.map((s, i) => [s.id, i]));
  const inRunOrder = (a: StepRow, b: StepRow) =>
    startOf(a) - startOf(b) || names.rank(a.stepKey) - names.rank(b.stepKey) || position.get(a.id)! - position.get(b.id)!;
  const top = steps.filter((s) => !s.iteration?.length).sort(inRunOrder);
  const nested = steps.filter((s) => s.iteration?.length);
  const under = new Map<number, StepRow[]>();
  const orphans: StepRow[] = [];
  const byId = [...top].sort((a, b) => a.id - b.id);
  for (const n of nested) {
    const owner = byId.find((t) => t.id > n.id);
    if (!owner) orphans.push(n);
    else under.set(owner.id, [...(under.get(owner.id) ?? []), n]);
  }
  const byIteration = (a: StepRow, b: StepRow) => compareIterations(a.iteration!, b.iteration!) || inRunOrder(a, b);
  return [...orphans.sort(byIteration), ...top.flatMap((t) => [t, ...(under.get(t.id) ?? []).sort(byIteration)])];
}

export function StepWaterfall({ steps, names = NO_NAMES }: { steps: StepRow[]; names?: StepNames }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set(steps.filter((s) => s.status === "failed").map((s) => s.id)));
  if (steps.length === 0) return <p className="text-sm text-slate-500">No step results yet.</p>;
  const sorted = orderSteps(steps, names);
  const start = Math.min(...sorted.map((s) => new Date(s.startedAt).getTime()));
  const end = Math.max(...sorted.map((s) => new Date(s.startedAt).getTime() + s.durationMs));
  const span = Math.max(end - start, 1);
  const toggle = (id: number) => setOpen((o) => (o.has(id) ? new Set([...o].filter((x) => x !== id)) : new Set([...o, id])));
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-slate-200" role="list" aria-label="Steps">
      <div className="flex bg-slate-50 px-4 py-1.5 text-xs text-slate-500">
        <span className="w-72 shrink-0">Step</span>
        <span className="flex-1">Timeline ({formatDuration(span)})</span>
        <span className="w-20 text-right">Duration</span>
      </div>
      {sorted.map((s) => {
        const iterations = s.iteration?.length ?? 0;
        // inside a branch as inside a loop: indented under it
        const depth = Math.max(names.depth(s.stepKey) ?? 0, iterations);
        const left = ((new Date(s.startedAt).getTime() - start) / span) * 100;
        const width = Math.max((s.durationMs / span) * 100, 0.6);
        const bar = s.status === "failed" ? "bg-red-500" : s.status === "succeeded" ? "bg-emerald-500" : "bg-slate-400";
        const name = names.name(s.stepKey);
        return (
          <div
            key={s.id}
            role="listitem"
            aria-label={`Step ${name}${iterations ? ` iteration ${s.iteration!.join(".")}` : ""}`}
            className="border-t border-slate-100"
          >
            <button
              type="button"
              onClick={() => toggle(s.id)}
              aria-expanded={open.has(s.id)}
              className="flex w-full items-center px-4 py-1.5 text-left text-sm hover:bg-slate-50"
            >
              <span className="flex w-72 shrink-0 items-center gap-2 truncate" style={{ paddingLeft: depth * 16 }}>
                <span className="text-slate-400">{open.has(s.id) ? "▾" : "▸"}</span>
                <span className="truncate text-slate-800" title={s.stepKey}>
                  {name}
                </span>
                {names.known(s.stepKey) && name !== s.stepKey && (
                  <span className="hidden shrink truncate font-mono text-[11px] text-slate-400 xl:inline">{s.stepKey}</span>
                )}
                {iterations > 0 && <span className="rounded bg-slate-100 px-1 text-[11px] text-slate-600">#{s.iteration!.join(".")}</span>}
                {s.status !== "succeeded" && <ExecutionStatus status={s.status} />}
              </span>
              <span className="relative mx-2 h-3 flex-1 rounded bg-slate-100">
                <span
                  className={`absolute top-0 h-3 rounded ${bar}`}
                  style={{ left: `${Math.min(left, 99.4)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.4))}%` }}
                />
              </span>
              <span className="w-20 text-right text-xs text-slate-600 tabular-nums">{formatDuration(s.durationMs)}</span>
            </button>
            {open.has(s.id) && <StepDetail step={s} name={name} />}
          </div>
        );
      })}
    </div>
  );
}

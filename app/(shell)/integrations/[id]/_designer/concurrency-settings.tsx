"use client";
/** How many runs of one instance's flow may run at once: any number, one at a time, or at most N. */
import type { Concurrency } from "@/runtime/definition";
import { useExecution } from "./use-execution";

const box = "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";
const MODES: { value: Concurrency["mode"]; label: string }[] = [
  { value: "parallel", label: "Parallel (no limit)" },
  { value: "sequential", label: "Sequential (one at a time, in order)" },
  { value: "throttled", label: "Throttled (at most N at once)" },
];

export function ConcurrencySettings({ flow }: { flow: number }) {
  const { execution, set } = useExecution(flow);
  const concurrency = execution.concurrency;
  const mode = concurrency?.mode ?? "parallel";
  const setConcurrency = (next: Concurrency | undefined, tag?: string) => set({ ...execution, concurrency: next }, tag);
  return (
    <div className="space-y-2">
      <label className="flex items-center justify-between gap-2 text-sm">
        Concurrency
        <select
          aria-label="Concurrency"
          className={box}
          value={mode}
          onChange={(e) => {
            const m = e.target.value as Concurrency["mode"];
            // parallel is the default: leave it out of the YAML
            setConcurrency(m === "parallel" ? undefined : m === "throttled" ? { mode: m, limit: 2 } : { mode: m });
          }}
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {concurrency?.mode === "throttled" && (
        <label className="flex items-center justify-between gap-2 pl-6 text-sm">
          Runs at once (1–1000)
          <input
            type="number"
            min={1}
            max={1000}
            aria-label="Runs at once"
            className={`${box} w-20`}
            value={concurrency.limit ?? ""}
            onChange={(e) =>
              setConcurrency({ mode: "throttled", limit: Math.min(1000, Math.max(1, Math.round(Number(e.target.value)) || 1)) }, "limit")
            }
          />
        </label>
      )}
      <p className="text-xs text-slate-500">Per instance: runs waiting for a slot stay queued and start in the order they came.</p>
    </div>
  );
}

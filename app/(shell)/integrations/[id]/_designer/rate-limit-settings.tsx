"use client";
/** How many runs may start per interval: per instance flow, per customer, or per connection (one budget per credential). */
import type { RateLimit, RateLimitScope } from "@/runtime/definition";
import { useDesigner } from "./designer-context";
import { useExecution } from "./use-execution";

const box = "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";
const SCOPES: { value: RateLimitScope; label: string; hint: string }[] = [
  { value: "flow", label: "Flow", hint: "Each instance's flow has its own budget." },
  { value: "customer", label: "Customer", hint: "All the customer's limited runs share one budget." },
  { value: "connection", label: "Connection", hint: "All runs using the same credential share one budget, in any instance." },
];

const whole = (value: string, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number(value)) || min));

export function RateLimitSettings({ flow }: { flow: number }) {
  const d = useDesigner();
  const { execution, set } = useExecution(flow);
  const rate = execution.rateLimit;
  const setRate = (next: RateLimit | undefined, tag?: string) => set({ ...execution, rateLimit: next }, tag);
  const credentials = (d.draft.configPages ?? []).flatMap((page) =>
    page.elements.flatMap((e) => ("configVar" in e && e.configVar.type === "credential" ? [e.configVar] : [])),
  );
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={rate !== undefined}
          onChange={(e) => setRate(e.target.checked ? { per: "flow", limit: 10, intervalSeconds: 1 } : undefined)}
        />
        Limit the rate of runs
      </label>
      {rate && (
        <div className="space-y-2 pl-6 text-sm">
          <label className="flex items-center justify-between gap-2">
            Runs at most (1–1000)
            <input
              type="number"
              min={1}
              max={1000}
              aria-label="Runs per interval"
              className={`${box} w-20`}
              value={rate.limit}
              onChange={(e) => setRate({ ...rate, limit: whole(e.target.value, 1, 1000) }, "limit")}
            />
          </label>
          <label className="flex items-center justify-between gap-2">
            Every (seconds)
            <input
              type="number"
              min={1}
              max={86400}
              aria-label="Interval in seconds"
              className={`${box} w-20`}
              value={rate.intervalSeconds}
              onChange={(e) => setRate({ ...rate, intervalSeconds: whole(e.target.value, 1, 86400) }, "interval")}
            />
          </label>
          <label className="flex items-center justify-between gap-2">
            Counted for
            <select
              aria-label="Rate limit counted for"
              className={box}
              value={rate.per}
              onChange={(e) => {
                const per = e.target.value as RateLimitScope;
                const { configVar: _drop, ...rest } = rate;
                setRate(
                  per === "connection" && credentials.length > 1 ? { ...rest, per, configVar: credentials[0]!.key } : { ...rest, per },
                );
              }}
            >
              {SCOPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {rate.per === "connection" && credentials.length > 1 && (
            <label className="flex items-center justify-between gap-2">
              Connection
              <select
                aria-label="Rate limit connection"
                className={box}
                value={rate.configVar ?? ""}
                onChange={(e) => setRate({ ...rate, configVar: e.target.value })}
              >
                {credentials.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {rate.per === "connection" && credentials.length === 0 && (
            <p className="text-xs text-amber-700">Add a credential config variable: the limit is counted per credential.</p>
          )}
          <p className="text-xs text-slate-500">
            {SCOPES.find((x) => x.value === rate.per)?.hint} Runs over the limit wait in the queue and start, spread out, as soon as it
            allows; none fails for it.
          </p>
        </div>
      )}
    </div>
  );
}

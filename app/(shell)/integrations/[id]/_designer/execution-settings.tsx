"use client";
/** The flow's execution settings: synchronous (webhooks), concurrency, rate limit, re-runs after a worker's crash, and retry of failed asynchronous runs. */
import { ConcurrencySettings } from "./concurrency-settings";
import { RateLimitSettings } from "./rate-limit-settings";
import { useDesigner } from "./designer-context";
import { ReferenceField } from "./reference-field";
import { useExecution } from "./use-execution";

const box = "w-20 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";

export function ExecutionSettings({ flow }: { flow: number }) {
  const d = useDesigner();
  const f = d.draft.flows[flow]!;
  const { execution, set } = useExecution(flow);
  const retry = execution.retry;
  const cancel = retry?.cancelationKey && "reference" in retry.cancelationKey ? retry.cancelationKey.reference : "";
  return (
    <section aria-label="Execution settings" className="space-y-3 border-t border-slate-200 pt-3">
      <h3 className="text-sm font-semibold text-slate-800">Execution</h3>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          disabled={f.trigger.type !== "webhook"}
          checked={execution.synchronous ?? false}
          onChange={(e) => set({ ...execution, synchronous: e.target.checked || undefined })}
        />
        Synchronous (the webhook caller waits for the result)
      </label>
      <ConcurrencySettings flow={flow} />
      <RateLimitSettings flow={flow} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={execution.rerunAfterCrash !== false}
          onChange={(e) => set({ ...execution, rerunAfterCrash: e.target.checked ? undefined : false })}
        />
        <span>
          Run again if the worker crashes
          <span className="block text-xs text-slate-600">
            Turn off when the flow&apos;s steps must never run twice (payments, e-mails).
          </span>
        </span>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={retry !== undefined}
          onChange={(e) => set({ ...execution, retry: e.target.checked ? { maxAttempts: 3, minutesBetween: 5 } : undefined })}
        />
        Retry failed runs
      </label>
      {retry && (
        <div className="space-y-2 pl-6 text-sm">
          <label className="flex items-center justify-between gap-2">
            Max attempts (1–10)
            <input
              type="number"
              min={1}
              max={10}
              className={box}
              value={retry.maxAttempts}
              onChange={(e) => set({ ...execution, retry: { ...retry, maxAttempts: Number(e.target.value) } }, "max")}
            />
          </label>
          <label className="flex items-center justify-between gap-2">
            Minutes between attempts
            <input
              type="number"
              min={1}
              max={1440}
              className={box}
              value={retry.minutesBetween}
              onChange={(e) => set({ ...execution, retry: { ...retry, minutesBetween: Number(e.target.value) } }, "minutes")}
            />
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={retry.exponentialBackoff ?? false}
              onChange={(e) => set({ ...execution, retry: { ...retry, exponentialBackoff: e.target.checked || undefined } })}
            />
            Exponential backoff
          </label>
          <div className="space-y-1">
            <p className="text-xs text-slate-600">
              Cancelation key (from the trigger): a newer run with the same key cancels pending retries
            </p>
            <ReferenceField
              id="cancelation-key"
              label="Cancelation key"
              scope={[{ base: "trigger.results", key: "trigger", label: "Trigger", kind: "trigger" }]}
              value={cancel}
              onChange={(r) => {
                const { cancelationKey: _drop, ...rest } = retry;
                set({ ...execution, retry: r.trim() ? { ...rest, cancelationKey: { reference: r } } : rest }, "cancel");
              }}
            />
          </div>
        </div>
      )}
    </section>
  );
}

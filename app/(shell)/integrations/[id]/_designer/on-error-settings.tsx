"use client";
import type { OnError, Step } from "@/runtime/definition";
import { locate } from "@/app/_ui/designer/step-tree";
import { useDesigner } from "./designer-context";

/** Junction's per-step onError: fail (default), ignore, or retry in the same run. */
export function OnErrorSettings({ step }: { step: Step }) {
  const d = useDesigner();
  const mode = step.onError?.mode ?? "fail";
  const set = (onError: OnError | undefined) => d.edit((x) => void (locate(x, step.name)!.step.onError = onError), `onError:${step.name}`);
  const box = "w-24 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300";
  return (
    <section aria-label="On error" className="space-y-2 border-t border-slate-200 pt-3">
      <label htmlFor="on-error" className="block text-sm font-medium text-slate-700">
        When this step fails
      </label>
      <select
        id="on-error"
        value={mode}
        onChange={(e) => set(e.target.value === "fail" ? undefined : { mode: e.target.value as OnError["mode"] })}
        className="rounded-md border-0 py-1 text-sm ring-1 ring-slate-300"
      >
        <option value="fail">fail the run</option>
        <option value="ignore">ignore (result null)</option>
        <option value="retry">retry the step</option>
      </select>
      {mode === "retry" && (
        <div className="flex gap-3 text-sm">
          <label className="flex items-center gap-1">
            attempts
            <input
              type="number"
              min={1}
              max={10}
              className={box}
              value={step.onError?.attempts ?? 3}
              onChange={(e) => set({ ...step.onError!, attempts: Number(e.target.value) })}
            />
          </label>
          <label className="flex items-center gap-1">
            delay ms
            <input
              type="number"
              min={0}
              max={300000}
              className={box}
              value={step.onError?.delayMs ?? 1000}
              onChange={(e) => set({ ...step.onError!, delayMs: Number(e.target.value) })}
            />
          </label>
        </div>
      )}
    </section>
  );
}

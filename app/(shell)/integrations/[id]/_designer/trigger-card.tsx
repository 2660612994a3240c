"use client";
import { useDesigner } from "./designer-context";

export function TriggerCard({ flow }: { flow: number }) {
  const d = useDesigner();
  const trigger = d.draft.flows[flow]!.trigger;
  const selected = d.selected?.kind === "trigger" && d.selected.flow === flow;
  const schedule = trigger.type === "schedule" ? trigger.schedule : undefined;
  const summary =
    trigger.type === "webhook"
      ? "Runs when its webhook URL is called"
      : schedule && "every" in schedule
        ? `Every ${schedule.every} ${schedule.unit}`
        : schedule && "cron" in schedule
          ? `Cron ${schedule.cron}`
          : `Schedule from config variable ${schedule && "configVar" in schedule ? schedule.configVar : ""}`;
  return (
    <button
      type="button"
      data-testid="trigger"
      onClick={() => d.select({ kind: "trigger", flow })}
      className={`flex w-72 items-center gap-2 rounded-lg bg-white px-3 py-2 text-left shadow-sm ring-1 ${selected ? "ring-2 ring-brand-500" : "ring-slate-200 hover:ring-slate-300"}`}
    >
      <span className="grid h-8 w-8 place-items-center rounded-md bg-emerald-100 text-xs font-bold text-emerald-800">⚡</span>
      <span className="min-w-0">
        <span className="block text-sm font-medium">Trigger · {trigger.type === "webhook" ? "Webhook" : "Schedule"}</span>
        <span className="block truncate text-xs text-slate-500">{summary}</span>
      </span>
    </button>
  );
}

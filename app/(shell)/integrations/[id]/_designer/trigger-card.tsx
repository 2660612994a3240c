"use client";
import { describeSchedule } from "@/runtime/scheduler/calendar";
import { useDesigner } from "./designer-context";

export function TriggerCard({ flow }: { flow: number }) {
  const d = useDesigner();
  const trigger = d.draft.flows[flow]!.trigger;
  const selected = d.selected?.kind === "trigger" && d.selected.flow === flow;
  const schedule = trigger.type === "schedule" || trigger.type === "component" ? trigger.schedule : undefined;
  // a component trigger is named by its manifest's labels when installed
  const component = trigger.type === "component" ? d.components.find((c) => c.key === trigger.component.split("@")[0]) : undefined;
  const componentTrigger =
    trigger.type === "component"
      ? `${component?.label ?? trigger.component} · ${component?.triggers[trigger.trigger]?.label ?? trigger.trigger}`
      : "";
  const title = trigger.type === "webhook" ? "Webhook" : trigger.type === "schedule" ? "Schedule" : componentTrigger;
  const summary =
    trigger.type === "webhook" || (trigger.type === "component" && !schedule)
      ? "Runs when its webhook URL is called"
      : schedule && "every" in schedule
        ? `E${describeSchedule(schedule).slice(1)}`
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
        <span className="block truncate text-sm font-medium">Trigger · {title}</span>
        <span className="block truncate text-xs text-slate-500">{summary}</span>
      </span>
    </button>
  );
}

"use client";
/**
 * Webhook or schedule; a schedule is every X units (days, weeks and months at a time of day, on a
 * weekday or day of the month, in a time zone), a custom cron (with its next five runs) or a config variable.
 */
import { Cron } from "croner";
import { SCHEDULE_UNITS, type Schedule, type Trigger } from "@/runtime/definition";
import { ComponentTriggerSettings, firstComponentTrigger } from "./component-trigger-settings";
import { configVarKeys } from "@/app/_ui/designer/config-vars";
import { useDesigner } from "./designer-context";
import { EndpointSecuritySettings } from "./endpoint-security-settings";
import {
  CalendarScheduleInputs,
  ScheduleNextRuns,
  calendarProblem,
  fitCalendarFields,
} from "@/app/_ui/config-fields/calendar-schedule-inputs";

const box = "rounded-md border-0 px-2 py-1 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none";

function nextRuns(cron: string, timezone?: string): { runs: Date[]; error: string | null } {
  if (cron.trim().split(/\s+/).length !== 5) return { runs: [], error: "a cron string has 5 fields: minute hour day month weekday" };
  try {
    return { runs: new Cron(cron, { timezone: timezone || undefined, paused: true }).nextRuns(5), error: null };
  } catch (err) {
    return { runs: [], error: (err as Error).message };
  }
}

export function TriggerSettings({ flow }: { flow: number }) {
  const d = useDesigner();
  const trigger = d.draft.flows[flow]!.trigger;
  const setTrigger = (t: Trigger, tag?: string) =>
    d.edit(
      (x) => {
        const f = x.flows[flow]!;
        f.trigger = t;
        // a schedule has no caller: what only a webhook caller uses goes with the webhook
        if (t.type === "schedule" && f.execution) {
          const { endpointSecurity: _security, synchronous: _synchronous, ...rest } = f.execution;
          f.execution = Object.keys(rest).length ? rest : undefined;
        }
      },
      tag && `trigger:${flow}:${tag}`,
    );
  // a polling component trigger keeps its component, trigger and inputs when its schedule changes
  const setSchedule = (schedule: Schedule, tag?: string) =>
    setTrigger(trigger.type === "component" ? { ...trigger, schedule } : { type: "schedule", schedule }, tag);
  const schedule = trigger.type === "schedule" || trigger.type === "component" ? trigger.schedule : undefined;
  const withTriggers = d.components.filter((c) => Object.keys(c.triggers).length > 0);
  const mode = !schedule ? null : "every" in schedule ? "every" : "cron" in schedule ? "cron" : "configVar";
  const scheduleVars = configVarKeys(d.draft).filter((c) => c.type === "schedule");
  const cron = schedule && "cron" in schedule ? nextRuns(schedule.cron, schedule.timezone) : null;
  return (
    <section aria-label="Trigger settings" className="space-y-3">
      <div role="radiogroup" aria-label="Trigger type" className="flex gap-4 text-sm">
        {(["webhook", "schedule", "component"] as const).map((type) => (
          <label key={type} className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`trigger-${flow}`}
              checked={trigger.type === type}
              onChange={() =>
                setTrigger(
                  type === "webhook"
                    ? { type }
                    : type === "schedule"
                      ? { type, schedule: { every: 1, unit: "hours" } }
                      : firstComponentTrigger(withTriggers),
                )
              }
            />
            {type === "webhook" ? "Webhook" : type === "schedule" ? "Schedule" : "Component trigger"}
          </label>
        ))}
      </div>
      {trigger.type === "component" && <ComponentTriggerSettings flow={flow} trigger={trigger} onChange={setTrigger} />}
      {trigger.type === "webhook" && (
        <>
          <p className="text-xs text-slate-500">
            Each deployed instance gets its own webhook URL; a test run sends the sample payload from the testing pane.
          </p>
          <EndpointSecuritySettings flow={flow} />
        </>
      )}
      {schedule && (
        <div className="space-y-2">
          <select
            aria-label="Schedule kind"
            className={`${box} max-w-full`}
            value={mode ?? "every"}
            onChange={(e) =>
              setSchedule(
                e.target.value === "every"
                  ? { every: 1, unit: "hours" }
                  : e.target.value === "cron"
                    ? { cron: "*/5 8-16 * * 1-5" }
                    : { configVar: scheduleVars[0]?.key ?? "schedule" },
              )
            }
          >
            <option value="every">Every X minutes … months</option>
            <option value="cron">Custom (cron)</option>
            <option value="configVar">From a schedule config variable</option>
          </select>
          {"every" in schedule && (
            <div className="space-y-2">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                every
                <input
                  aria-label="Every"
                  type="number"
                  min={1}
                  max={10000}
                  className={`${box} w-20`}
                  value={schedule.every}
                  onChange={(e) => setSchedule({ ...schedule, every: Math.max(1, Number(e.target.value) || 1) }, "every")}
                />
                <select
                  aria-label="Unit"
                  className={box}
                  value={schedule.unit}
                  onChange={(e) => setSchedule(fitCalendarFields({ ...schedule, unit: e.target.value as (typeof SCHEDULE_UNITS)[number] }))}
                >
                  {SCHEDULE_UNITS.map((u) => (
                    <option key={u}>{u}</option>
                  ))}
                </select>
                <CalendarScheduleInputs schedule={schedule} onChange={(s) => setSchedule(s, "calendar")} inputClass={box} />
              </div>
              {calendarProblem(schedule) ? (
                <p role="alert" className="text-xs text-red-700">
                  {calendarProblem(schedule)}
                </p>
              ) : (
                <ScheduleNextRuns schedule={schedule} />
              )}
            </div>
          )}
          {"cron" in schedule && (
            <div className="space-y-2">
              <input
                aria-label="Cron"
                className={`${box} w-full font-mono`}
                value={schedule.cron}
                onChange={(e) => setSchedule({ ...schedule, cron: e.target.value }, "cron")}
              />
              <input
                aria-label="Time zone"
                placeholder="Time zone (e.g. America/Chicago), UTC when empty"
                className={`${box} w-full`}
                value={schedule.timezone ?? ""}
                onChange={(e) => setSchedule({ cron: schedule.cron, ...(e.target.value ? { timezone: e.target.value } : {}) }, "tz")}
              />
              {cron?.error ? (
                <p role="alert" className="text-xs text-red-700">
                  {cron.error}
                </p>
              ) : (
                <div>
                  <p className="text-xs font-medium text-slate-600">Next five runs</p>
                  <ul aria-label="Next runs" className="text-xs text-slate-600">
                    {cron?.runs.map((r) => (
                      <li key={r.toISOString()}>{r.toLocaleString()}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
          {"configVar" in schedule && (
            <select
              aria-label="Schedule config variable"
              className={box}
              value={schedule.configVar}
              onChange={(e) => setSchedule({ configVar: e.target.value })}
            >
              {scheduleVars.length === 0 && <option value={schedule.configVar}>add a schedule config variable first</option>}
              {scheduleVars.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
    </section>
  );
}

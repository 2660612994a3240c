"use client";
import { SCHEDULE_UNITS, type FixedSchedule, type IntervalSchedule } from "@/runtime/definition/schema";
import { CalendarScheduleInputs, ScheduleNextRuns, fitCalendarFields } from "./calendar-schedule-inputs";
import { fieldId, inlineInputClass } from "./field-shell";
import { nextRuns } from "./next-runs";

type Draft = { every?: number | string; unit?: string; cron?: string; timezone?: string } | undefined;

const CALENDAR_UNITS = ["days", "weeks", "months"];

/**
 * Every X minutes/hours/days/weeks/months (days and longer at a time of day, on a weekday or day
 * of the month, in a time zone — the person's own by default), or a cron string; each with its
 * next five run times.
 */
export function ScheduleField({
  id,
  label,
  value,
  onChange,
  required,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange: (v: unknown) => void;
  required?: boolean;
}) {
  const draft = value as Draft;
  const kind = !draft ? "none" : "cron" in draft ? "cron" : "every";
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <select
          id={id}
          aria-label={`${label}: kind`}
          className={`${inlineInputClass} w-auto`}
          value={kind}
          onChange={(e) => {
            const k = e.target.value;
            onChange(k === "none" ? undefined : k === "cron" ? { cron: "0 * * * *", timezone: browserZone } : { every: 1, unit: "hours" });
          }}
        >
          {!required && <option value="none">Not set</option>}
          <option value="every">Every …</option>
          <option value="cron">Cron expression</option>
        </select>
        {kind === "every" && (
          <>
            <input
              type="number"
              min={1}
              aria-label={`${label}: every`}
              className={`${inlineInputClass} w-24`}
              value={String((draft as FixedSchedule & { every: number }).every ?? "")}
              // a number when it is one, so the shared schema reports "every must be at least 1"
              onChange={(e) => onChange({ ...draft, every: e.target.value === "" ? "" : Number(e.target.value) })}
            />
            <select
              aria-label={`${label}: unit`}
              className={`${inlineInputClass} w-auto`}
              value={(draft as { unit: string }).unit}
              onChange={(e) => {
                const unit = e.target.value;
                const next = fitCalendarFields({ ...(draft as IntervalSchedule), unit: unit as IntervalSchedule["unit"] });
                // days and longer fire at a time of day: the customer's own zone unless they pick another
                if (CALENDAR_UNITS.includes(unit) && !next.timezone) next.timezone = browserZone;
                onChange(next);
              }}
            >
              {SCHEDULE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
            <CalendarScheduleInputs
              schedule={draft as IntervalSchedule}
              onChange={onChange}
              label={label}
              inputClass={`${inlineInputClass} py-1.5`}
            />
          </>
        )}
        {kind === "cron" && (
          <>
            <input
              aria-label={`${label}: cron expression`}
              id={fieldId(id, "cron")}
              className={`${inlineInputClass} w-48 font-mono`}
              placeholder="*/15 8-17 * * 1-5"
              value={(draft as { cron: string }).cron}
              onChange={(e) => onChange({ ...draft, cron: e.target.value })}
            />
            <input
              aria-label={`${label}: time zone`}
              className={`${inlineInputClass} w-48`}
              placeholder="America/Chicago"
              value={(draft as { timezone?: string }).timezone ?? ""}
              onChange={(e) => onChange({ ...draft, timezone: e.target.value || undefined })}
            />
          </>
        )}
      </div>
      {kind === "every" && typeof (draft as IntervalSchedule).every === "number" && (
        <ScheduleNextRuns schedule={draft as FixedSchedule} label={label} />
      )}
      {kind === "cron" && (
        <CronPreview cron={(draft as { cron: string }).cron} timezone={(draft as { timezone?: string }).timezone} label={label} />
      )}
    </div>
  );
}

function CronPreview({ cron, timezone, label }: { cron: string; timezone?: string; label: string }) {
  const { runs, problem } = nextRuns(cron, timezone);
  if (problem) return null; // the shared schema's message shows as the field's error
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
      <p className="font-medium text-slate-700">Next 5 runs{timezone ? ` (${timezone})` : ""}</p>
      <ol aria-label={`${label}: next runs`} className="mt-1 list-decimal pl-5">
        {runs.map((d) => (
          <li key={d.toISOString()}>
            {d.toLocaleString("en-US", { timeZone: timezone || undefined, dateStyle: "medium", timeStyle: "short" })}
          </li>
        ))}
      </ol>
    </div>
  );
}

"use client";
/**
 * The calendar parts of an `every N unit` schedule — weekday (weeks), day of the month (months),
 * time of day and time zone — and the next runs any schedule makes, in its zone. Shared by the
 * designer's trigger settings and the wizard's schedule field so both offer the same.
 */
import { useState } from "react";
import { WEEKDAYS, type FixedSchedule, type IntervalSchedule, type Weekday } from "@/runtime/definition/schema";
import { intervalProblems } from "@/runtime/scheduler/calendar";
import { nextRuns } from "@/runtime/scheduler/due";

const CALENDAR_UNITS = new Set(["days", "weeks", "months"]);

const timeZones = (): string[] => {
  try {
    return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  } catch {
    return ["UTC"];
  }
};

/** a field emptied is left out, so the schedule reads as before it was set */
function withField<K extends keyof IntervalSchedule>(
  s: IntervalSchedule,
  key: K,
  value: IntervalSchedule[K] | undefined,
): IntervalSchedule {
  const next = { ...s };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next;
}

/**
 * For a unit just picked: keeps only the calendar fields it takes (a weekday goes with weeks, a
 * day of the month with months); weeks picked now start on Monday, not on 1970's Thursday.
 */
export function fitCalendarFields(s: IntervalSchedule): IntervalSchedule {
  const next = { ...s };
  if (next.unit === "weeks") next.weekday ??= "monday";
  else delete next.weekday;
  if (next.unit !== "months") delete next.dayOfMonth;
  if (!CALENDAR_UNITS.has(next.unit)) {
    delete next.at;
    delete next.timezone;
  }
  return next;
}

export function CalendarScheduleInputs({
  schedule,
  onChange,
  label,
  inputClass,
}: {
  schedule: IntervalSchedule;
  onChange: (s: IntervalSchedule) => void;
  /** prefixes the controls' accessible names in a form with several schedules ("Sync: time of day") */
  label?: string;
  inputClass: string;
}) {
  if (!CALENDAR_UNITS.has(schedule.unit)) return null;
  const name = (what: string) => (label ? `${label}: ${what}` : what);
  const listId = `time-zones-${label ?? "trigger"}`.replace(/\W+/g, "-");
  return (
    <>
      {schedule.unit === "weeks" && (
        <label className="flex items-center gap-1.5 text-sm">
          on
          <select
            aria-label={name("Weekday")}
            className={`${inputClass} w-auto`}
            value={schedule.weekday ?? ""}
            onChange={(e) => onChange(withField(schedule, "weekday", (e.target.value || undefined) as Weekday | undefined))}
          >
            {schedule.weekday === undefined && <option value="">any day, counted from 1970</option>}
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {d[0]!.toUpperCase() + d.slice(1)}
              </option>
            ))}
          </select>
        </label>
      )}
      {schedule.unit === "months" && (
        <label className="flex items-center gap-1.5 text-sm">
          on day
          <input
            aria-label={name("Day of the month")}
            type="number"
            min={1}
            max={31}
            placeholder="1"
            className={`${inputClass} w-16`}
            value={schedule.dayOfMonth ?? ""}
            onChange={(e) =>
              onChange(withField(schedule, "dayOfMonth", e.target.value ? Math.min(31, Math.max(1, Number(e.target.value))) : undefined))
            }
          />
        </label>
      )}
      <label className="flex items-center gap-1.5 text-sm">
        at
        <input
          aria-label={name("Time of day")}
          type="time"
          className={`${inputClass} w-32`}
          value={schedule.at ?? ""}
          onChange={(e) => onChange(withField(schedule, "at", e.target.value || undefined))}
        />
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        in
        <input
          aria-label={name("Time zone")}
          list={listId}
          placeholder="UTC"
          className={`${inputClass} w-44`}
          value={schedule.timezone ?? ""}
          onChange={(e) => onChange(withField(schedule, "timezone", e.target.value.trim() || undefined))}
        />
        <datalist id={listId}>
          {timeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
    </>
  );
}

/** The next five runs in the schedule's zone; nothing while the schedule has a problem (the field says it). */
export function ScheduleNextRuns({ schedule, label }: { schedule: FixedSchedule; label?: string }) {
  // counted from when the field opened: the list stays put while the person edits
  const [now] = useState(() => Date.now());
  let runs: Date[];
  try {
    if ("every" in schedule && intervalProblems(schedule).length > 0) return null;
    runs = nextRuns(schedule, now, 5);
  } catch {
    return null;
  }
  const zone = schedule.timezone || "UTC";
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
      <p className="font-medium text-slate-700">Next 5 runs ({zone})</p>
      <ol aria-label={label ? `${label}: next runs` : "Next runs"} className="mt-1 list-decimal pl-5">
        {runs.map((d) => (
          <li key={d.toISOString()}>
            {d.toLocaleString("en-US", {
              timeZone: zone,
              weekday: "short",
              year: "numeric",
              month: "short",
              day: "numeric",
              hour: "2-digit",
              minute: "2-digit",
              hourCycle: "h23",
            })}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A problem with the calendar fields, in words, or null. */
export function calendarProblem(schedule: FixedSchedule): string | null {
  if (!("every" in schedule)) return null;
  return intervalProblems(schedule)[0]?.message ?? null;
}

/** Date & Time: now, format, add, subtract, parse. Times in results are ISO 8601 (UTC) unless formatted. */
import { add, format, isValid, parse, parseISO } from "date-fns";
import { action, component, input } from "../../../sdk";
import { checkTimeZone, fromZonedWallClock, toZonedWallClock } from "./zoned";

const UNITS = ["milliseconds", "seconds", "minutes", "hours", "days", "weeks", "months", "years"] as const;

const date = input({
  label: "Date",
  type: "string",
  required: true,
  description: "ISO 8601, or milliseconds since 1970",
  clean: (v) => toDate(v),
});
const timeZone = input({
  label: "Time Zone",
  type: "string",
  default: "UTC",
  description: "IANA name, e.g. America/Chicago",
  clean: (v) => checkTimeZone(String(v)),
});
const pattern = input({ label: "Format", type: "string", description: 'date-fns pattern, e.g. "yyyy-MM-dd HH:mm"; empty for ISO 8601' });

function toDate(v: unknown): Date {
  const d = v instanceof Date ? v : typeof v === "number" || /^\d+$/.test(String(v)) ? new Date(Number(v)) : parseISO(String(v));
  if (!isValid(d)) throw new Error(`not a date: ${JSON.stringify(v)}`);
  return d;
}

function formatIn(d: Date, fmt: string | undefined, zone: string): string {
  if (!fmt) return d.toISOString();
  return format(toZonedWallClock(d, zone), fmt);
}

function shift(d: Date, amount: number, unit: (typeof UNITS)[number]): Date {
  if (unit === "milliseconds") return new Date(d.getTime() + amount);
  // calendar units move the UTC calendar, not the host's local one
  const wall = toZonedWallClock(d, "UTC");
  return fromZonedWallClock(add(wall, { [unit]: amount }), "UTC");
}

const shiftInputs = {
  date,
  amount: input({ label: "Amount", type: "number", required: true }),
  unit: input({ label: "Unit", type: "picklist", options: UNITS, required: true }),
};

export default component({
  key: "dateTime",
  label: "Date & Time",
  description: "Get, format, shift and parse dates and times",
  category: "Data",
  actions: {
    now: action({
      label: "Now",
      description: "The current time, ISO 8601 or formatted",
      inputs: { format: pattern, timeZone },
      perform: async (_c, i) => ({ data: formatIn(new Date(), i.format, i.timeZone) }),
    }),
    format: action({
      label: "Format",
      inputs: { date, format: { ...pattern, required: true }, timeZone },
      perform: async (_c, i) => ({ data: formatIn(i.date, i.format, i.timeZone) }),
    }),
    add: action({
      label: "Add",
      inputs: shiftInputs,
      perform: async (_c, i) => ({ data: shift(i.date, i.amount, i.unit).toISOString() }),
    }),
    subtract: action({
      label: "Subtract",
      inputs: shiftInputs,
      perform: async (_c, i) => ({ data: shift(i.date, -i.amount, i.unit).toISOString() }),
    }),
    parse: action({
      label: "Parse",
      description: "Reads a date written in a pattern (or ISO 8601) as an instant in the time zone",
      inputs: {
        value: input({ label: "Value", type: "string", required: true }),
        format: pattern,
        timeZone,
      },
      perform: async (_c, i) => {
        let d: Date;
        if (i.format) {
          const wall = parse(i.value, i.format, new Date(2000, 0, 1));
          if (!isValid(wall)) throw new Error(`"${i.value}" does not match the format "${i.format}"`);
          d = fromZonedWallClock(wall, i.timeZone);
        } else {
          // ISO text with its own offset is exact; without one it is wall time in the zone
          d = /([zZ]|[+-]\d\d:?\d\d)$/.test(i.value.trim()) ? toDate(i.value) : fromZonedWallClock(toDate(i.value), i.timeZone);
        }
        return { data: d.toISOString() };
      },
    }),
  },
});

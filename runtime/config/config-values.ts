/**
 * The values an instance stores for its config variables (integration-definition.md, "Config
 * values of an instance"): one zod schema per variable, built from its definition, so the wizard
 * in the browser, the API and the CLI refuse the same values with the same reasons.
 */
import { Cron } from "croner";
import { XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { ConnectionManifest } from "@/components-registry/contract";
import type { ConfigPage, ConfigVar, FixedSchedule } from "../definition/schema";
import { SCHEDULE_UNITS, WEEKDAYS } from "../definition/schema";
import { intervalProblems } from "../scheduler/calendar";

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const TIMESTAMP = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{1,2}):(\d{2}) ?(AM|PM)$/i;

function isCalendarDate(month: number, day: number, year: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const dateValue = z.string().superRefine((s, ctx) => {
  const m = DATE.exec(s);
  if (!m) return ctx.addIssue({ code: "custom", message: `"${s}" is not a date in the form mm/dd/yyyy` });
  if (!isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) ctx.addIssue({ code: "custom", message: `${s} is not a day of the calendar` });
});

const timestampValue = z.string().superRefine((s, ctx) => {
  const m = TIMESTAMP.exec(s);
  if (!m) return ctx.addIssue({ code: "custom", message: `"${s}" is not a timestamp in the form mm/dd/yyyy, HH:MM AM` });
  if (!isCalendarDate(+m[1]!, +m[2]!, +m[3]!)) ctx.addIssue({ code: "custom", message: `${s.split(",")[0]} is not a day of the calendar` });
  const hour = +m[4]!;
  if (hour < 1 || hour > 12 || +m[5]! > 59) ctx.addIssue({ code: "custom", message: `${m[4]}:${m[5]} is not a time on a 12-hour clock` });
});

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron string does not parse, or null when it does (5 fields: minute hour day month weekday). */
export function cronProblem(cron: string, timezone?: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `"${cron}" has ${fields.length} fields; a cron string has 5 (minute hour day-of-month month day-of-week)`;
  if (timezone && !isValidTimeZone(timezone)) return `"${timezone}" is not a time zone (e.g. America/Chicago)`;
  try {
    new Cron(cron, { timezone, paused: true });
    return null;
  } catch (err) {
    return `"${cron}" is not a valid cron string: ${(err as Error).message}`;
  }
}

export const scheduleValue: z.ZodType<FixedSchedule> = z.union([
  z
    .strictObject({
      every: z.number().int().min(1, "every must be at least 1").max(10_000),
      unit: z.enum(SCHEDULE_UNITS),
      at: z.string().optional(),
      weekday: z.enum(WEEKDAYS, { error: `the weekday is one of ${WEEKDAYS.join(", ")}` }).optional(),
      dayOfMonth: z.number().int().min(1, "the day of the month is 1 to 31").max(31, "the day of the month is 1 to 31").optional(),
      timezone: z.string().optional(),
    })
    .superRefine((s, ctx) => {
      for (const p of intervalProblems(s)) ctx.addIssue({ code: "custom", message: p.message });
    }),
  z.strictObject({ cron: z.string(), timezone: z.string().optional() }).superRefine((s, ctx) => {
    const problem = cronProblem(s.cron, s.timezone);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
]);

const nonBlank = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`);

export const CREDENTIAL_SCHEMAS = {
  apiKey: z.strictObject({ key: nonBlank("key"), headerName: z.string().trim().min(1).optional() }),
  basic: z.strictObject({ username: nonBlank("username"), password: nonBlank("password") }),
  oauth2ClientCredentials: z.strictObject({
    tokenUrl: z.string().url("tokenUrl must be a URL"),
    clientId: nonBlank("clientId"),
    clientSecret: nonBlank("clientSecret"),
    scopes: z.string().optional(),
  }),
  // authorization code: the tokens live in the connection (db/schema/connections.ts), resolved by the host for each step
  oauth2: z.strictObject({ connectionId: z.string().uuid("connectionId must be a connection's id: press Connect") }),
  // the server and the sign-in of the SFTP component's `connection` input, so no password is a literal in a definition
  sftp: z
    .strictObject({
      host: nonBlank("host"),
      port: z
        .union([z.number(), z.string().trim()])
        .optional()
        .refine(
          (p) => p === undefined || p === "" || (Number.isInteger(Number(p)) && Number(p) >= 1 && Number(p) <= 65535),
          "port must be 1-65535",
        ),
      username: nonBlank("username"),
      password: z.string().optional(),
      privateKey: z.string().optional(),
      passphrase: z.string().optional(),
      hostKeySha256: z
        .string()
        .trim()
        .regex(
          /^((SHA256:)?[A-Za-z0-9+/]{43}=?)?$/,
          "hostKeySha256 must be the server's key fingerprint as `ssh-keygen -lf` prints it (SHA256:…)",
        )
        .optional(),
    })
    .refine((c) => !!c.password || !!c.privateKey, { message: "password or privateKey is required", path: ["password"] }),
} as const;

function codeValue(language: "json" | "xml" | "text" | undefined) {
  return z.string().superRefine((s, ctx) => {
    if (language === "json") {
      try {
        JSON.parse(s);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: `invalid JSON: ${(err as Error).message}` });
      }
    } else if (language === "xml") {
      const result = XMLValidator.validate(s);
      if (result !== true) ctx.addIssue({ code: "custom", message: `invalid XML at line ${result.err.line}: ${result.err.msg}` });
    }
  });
}

/** Finds the connection a `connection` credential holds (a component's manifest `connections`); undefined when not installed. */
export type ConnectionLookup = (component: string, key: string) => ConnectionManifest | undefined;

export interface ConfigValueOptions {
  /** without it a connection's value is only checked to be an object of fields (the browser before the manifest arrives) */
  connections?: ConnectionLookup;
  /** the browser: a connection the lookup does not know yet is checked loosely instead of refused */
  looseUnknownConnections?: boolean;
}

const fieldValue = z.union([z.string(), z.number(), z.boolean()], { error: "must be text, a number or true/false" });

/**
 * A connection's value: the object of its fields. Numbers and booleans also come as the text a
 * form sends ("5432", "true"); they are stored as their type so the action gets what it declared.
 */
export function connectionValueSchema(manifest: ConnectionManifest | undefined, name = "the connection"): z.ZodType {
  if (!manifest) return z.record(z.string(), fieldValue, { error: `${name} is an object of its fields` });
  return z.record(z.string(), z.unknown(), { error: `${manifest.label} is an object of its fields` }).transform((given, ctx) => {
    const out: Record<string, string | number | boolean> = {};
    const known = new Set(manifest.fields.map((f) => f.key));
    for (const key of Object.keys(given)) {
      if (!known.has(key)) ctx.addIssue({ code: "custom", path: [key], message: `${key}: ${manifest.label} has no field "${key}"` });
    }
    for (const f of manifest.fields) {
      const raw = given[f.key];
      const value = raw === undefined || raw === null || raw === "" ? f.default : raw;
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: [f.key], message: `${f.key}: ${f.label} ${message}` });
      if (value === undefined || value === "") {
        if (f.required) issue("is required");
        continue;
      }
      if (f.type === "number") {
        const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
        if (typeof n !== "number" || !Number.isFinite(n)) issue("must be a number");
        else out[f.key] = n;
      } else if (f.type === "boolean") {
        const b = value === "true" ? true : value === "false" ? false : value;
        if (typeof b !== "boolean") issue("must be true or false");
        else out[f.key] = b;
      } else if (typeof value !== "string") {
        issue("must be text");
      } else if (f.type === "picklist" && !(f.options ?? []).includes(value)) {
        issue(`must be one of ${(f.options ?? []).join(", ")}`);
      } else {
        out[f.key] = value;
      }
    }
    return out;
  });
}

/** The schema of one variable's value (presence is checked separately, for `required`). */
export function configValueSchema(v: ConfigVar, options: ConfigValueOptions = {}): z.ZodType {
  switch (v.type) {
    case "string":
      return z.string();
    case "date":
      return dateValue;
    case "timestamp":
      return timestampValue;
    case "picklist":
      return z.string().refine((s) => v.options.includes(s), { message: `must be one of ${v.options.join(", ")}` });
    case "code":
      return codeValue(v.language);
    case "boolean":
      return z.boolean({ error: "must be true or false" });
    case "schedule":
      return scheduleValue;
    case "credential":
      if (v.credentialType === "connection") {
        const ref = v.connection;
        if (!options.connections || !ref) return connectionValueSchema(undefined, v.label);
        const manifest = options.connections(ref.component, ref.key);
        if (!manifest)
          return options.looseUnknownConnections ? connectionValueSchema(undefined, v.label) : unknownConnection(ref.component, ref.key);
        return connectionValueSchema(manifest);
      }
      return CREDENTIAL_SCHEMAS[v.credentialType];
  }
}

const unknownConnection = (component: string, key: string) =>
  z.unknown().superRefine((_, ctx) => {
    ctx.addIssue({ code: "custom", message: `component "${component}" is not installed with a connection "${key}"` });
  });

export function configVarsOf(pages: ConfigPage[] | undefined): ConfigVar[] {
  return (pages ?? []).flatMap((p) => p.elements.flatMap((e) => ("configVar" in e ? [e.configVar] : [])));
}

export interface ConfigValueError {
  key: string;
  message: string;
}

/** `password is required` already names its field; other messages get the field in front. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".");
  return !field || issue.message.startsWith(field + " ") || issue.message.startsWith(field + ": ")
    ? issue.message
    : `${field}: ${issue.message}`;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/**
 * Checks a full set of values against the variables: unknown keys, required ones missing, and
 * each value's shape. Defaults fill what is not given; a required one given blank is refused.
 * Returns the values to store.
 */
export function validateConfigValues(
  vars: ConfigVar[],
  input: Record<string, unknown>,
  options: ConfigValueOptions = {},
): { ok: true; values: Record<string, unknown> } | { ok: false; errors: ConfigValueError[] } {
  const errors: ConfigValueError[] = [];
  const values: Record<string, unknown> = {};
  const known = new Set(vars.map((v) => v.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ key, message: "no config variable has this key" });
  }
  for (const v of vars) {
    const given = input[v.key];
    // a required value sent blank was emptied on purpose: refused, not quietly replaced by the default
    if (v.required && v.key in input && isEmpty(given)) {
      errors.push({ key: v.key, message: `${v.label} is required: enter a value` });
      continue;
    }
    const value = isEmpty(given) && "default" in v && v.default !== undefined ? v.default : given;
    if (isEmpty(value)) {
      if (v.required) errors.push({ key: v.key, message: `${v.label} is required` });
      continue;
    }
    const parsed = configValueSchema(v, options).safeParse(value);
    if (!parsed.success) {
      errors.push({ key: v.key, message: parsed.error.issues.map(describeIssue).join("; ") });
    } else {
      values[v.key] = parsed.data;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

/** Splits validated values into what is stored in the clear and the credentials to encrypt. */
export function splitSecrets(vars: ConfigVar[], values: Record<string, unknown>) {
  const secretKeys = new Set(vars.filter((v) => v.type === "credential").map((v) => v.key));
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) (secretKeys.has(k) ? secrets : plain)[k] = v;
  return { plain, secrets };
}

/**
 * The integration definition, format version 1 (shared/design/integration-definition.md), as one
 * zod schema. Every object is strict: an unknown key is an error, so a typo never silently drops
 * part of an import. Shape rules that depend on a step's action (which keys a loop or a branch
 * takes) live here too; rules that need the whole document (references, unique keys) live in
 * validate.ts.
 */
import { z } from "zod";
import { structuralAction } from "./structural-actions";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Input = { value: JsonValue } | { reference: string } | { configVar: string } | { template: string } | { list: Input[] };

export const COMPARISON_OPERATORS = [
  "equal",
  "notEqual",
  "greaterThan",
  "greaterThanOrEqual",
  "lessThan",
  "lessThanOrEqual",
  "in",
  "notIn",
  "exists",
  "doesNotExist",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
/** Operators that look at `left` only. */
export const UNARY_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(["exists", "doesNotExist"]);

export interface ConditionLeaf {
  left: Input;
  operator: ComparisonOperator;
  right?: Input;
}
export type Condition = { all: Condition[] } | { any: Condition[] } | ConditionLeaf;

export interface Branch {
  name: string;
  /** branch on value: the value this branch matches */
  when?: JsonValue;
  /** branch on expression: the condition that selects this branch */
  condition?: Condition;
  steps: Step[];
}

/** Junction extension (docs/integration-definition.md): what a failing step does to the run. */
export interface OnError {
  mode: "fail" | "ignore" | "retry";
  /** retry only: further attempts after the first failure */
  attempts?: number;
  /** retry only: wait before each further attempt */
  delayMs?: number;
}

export interface Step {
  name: string;
  action: string;
  component?: string;
  inputs?: Record<string, Input>;
  onError?: OnError;
  /** loop only */
  steps?: Step[];
  /** branch only */
  branches?: Branch[];
  /** branch only */
  else?: Step[];
}

export const SCHEDULE_UNITS = ["minutes", "hours", "days", "weeks", "months"] as const;
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/**
 * `every N unit`; days, weeks and months may name a time of day (`at`, "HH:MM" 24-hour), a
 * weekday (weeks) or a day of the month (months), and an IANA time zone (default UTC): see
 * runtime/scheduler/calendar.ts. Without any of these, minutes to weeks count from the epoch in UTC.
 */
export interface IntervalSchedule {
  every: number;
  unit: (typeof SCHEDULE_UNITS)[number];
  at?: string;
  weekday?: Weekday;
  dayOfMonth?: number;
  timezone?: string;
}
export type FixedSchedule = IntervalSchedule | { cron: string; timezone?: string };
export type Schedule = FixedSchedule | { configVar: string };

/** `keepHeaders`: caller credential headers (cookie, authorization, proxy-authorization) the flow may read; dropped otherwise */
export type Trigger = { type: "webhook"; keepHeaders?: string[] } | { type: "schedule"; schedule: Schedule } | ComponentTrigger;

/**
 * Junction extension: a component's trigger (docs/integration-definition.md, "Component
 * triggers"). Polling ones need a schedule; webhook-style ones take none (calls arrive at the
 * flow's webhook URL). `component` is a key, or `key@major` to pin a major version.
 */
export interface ComponentTrigger {
  type: "component";
  component: string;
  trigger: string;
  inputs?: Record<string, Input>;
  schedule?: Schedule;
}

export interface Retry {
  maxAttempts: number;
  minutesBetween: number;
  exponentialBackoff?: boolean;
  cancelationKey?: Input;
}

/** Junction extension: what a webhook caller must show besides the URL (docs/integration-definition.md). */
export type EndpointSecurity = "none" | "apiKey" | "hmac";

/** Junction extension: how many runs of one instance's flow may run at once. */
export interface Concurrency {
  mode: "parallel" | "sequential" | "throttled";
  /** throttled only: runs at once */
  limit?: number;
}

/** whose budget a rate limit counts: the instance flow's, the customer's, or a connection's (its credential's) */
export const RATE_LIMIT_SCOPES = ["flow", "customer", "connection"] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];

/**
 * Junction extension: at most `limit` runs start in any `intervalSeconds`, counted per instance
 * flow, per customer, or per connection (every run using the same credential shares one budget);
 * runs over it wait in the queue (docs/runtime.md, "Rate limits").
 */
export interface RateLimit {
  per: RateLimitScope;
  /** per connection: the credential config variable whose value is the budget (optional when there is only one) */
  configVar?: string;
  limit: number;
  intervalSeconds: number;
}

export interface Execution {
  synchronous?: boolean;
  retry?: Retry;
  endpointSecurity?: EndpointSecurity;
  concurrency?: Concurrency;
  rateLimit?: RateLimit;
  /** run again after the death of its worker (default true); false for side effects that must not repeat */
  rerunAfterCrash?: boolean;
}

export interface Flow {
  name: string;
  trigger: Trigger;
  execution?: Execution;
  steps: Step[];
}

export const CREDENTIAL_TYPES = ["apiKey", "basic", "oauth2ClientCredentials", "oauth2", "sftp", "connection"] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/**
 * An `oauth2` (authorization code) credential's provider: the customer signs in there and the
 * host keeps and refreshes the tokens. The client secret is not here: the organization sets it
 * on the integration, and it never leaves the server.
 */
export interface OAuth2Settings {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** space-separated */
  scopes?: string;
  /** S256 PKCE (default true) */
  pkce?: boolean;
  /** extra query parameters of the authorize URL (e.g. prompt, access_type) */
  authorizeParams?: Record<string, string>;
}

/** A `connection` credential's kind: a connection an installed component declares (its manifest's `connections`). */
export interface ConnectionRef {
  component: string;
  key: string;
}

interface ConfigVarBase {
  key: string;
  label: string;
  description?: string;
  required?: boolean;
}
export type ConfigVar = ConfigVarBase &
  (
    | { type: "string" | "date" | "timestamp"; default?: string }
    | { type: "picklist"; options: string[]; default?: string }
    | { type: "code"; language?: "json" | "xml" | "text"; default?: string }
    | { type: "credential"; credentialType: CredentialType; oauth2?: OAuth2Settings; connection?: ConnectionRef }
    | { type: "boolean"; default?: boolean }
    | { type: "schedule"; default?: FixedSchedule }
  );
export type ConfigVarType = ConfigVar["type"];

export type ConfigElement = { header: string } | { configVar: ConfigVar };

export interface ConfigPage {
  name: string;
  tagline?: string;
  elements: ConfigElement[];
}

export interface Definition {
  definitionVersion: 1;
  name: string;
  description?: string;
  labels?: string[];
  configPages?: ConfigPage[];
  flows: Flow[];
  /**
   * Junction extension: the exact version of each component a published version runs,
   * keyed by component key (`{ http: "1.4.2" }`). Written at publish time.
   */
  componentVersions?: Record<string, string>;
}

const intBetween = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};
const text = z.string().refine((s) => s.trim().length > 0, { error: "must not be blank" });
const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "must be an identifier (letters, digits, _; not starting with a digit)" });

export const inputSchema: z.ZodType<Input> = z.union(
  [
    z.strictObject({ value: z.json() }),
    z.strictObject({ reference: text }),
    z.strictObject({ configVar: text }),
    z.strictObject({ template: z.string() }),
    z.strictObject({
      get list() {
        return z.array(inputSchema);
      },
    }),
  ],
  { error: "an input is exactly one of { value }, { reference }, { configVar }, { template }, { list }" },
);

const conditionLeafSchema = z
  .strictObject({ left: inputSchema, operator: z.enum(COMPARISON_OPERATORS), right: inputSchema.optional() })
  .superRefine((leaf, ctx) => {
    const unary = UNARY_OPERATORS.has(leaf.operator);
    if (unary && leaf.right !== undefined) {
      ctx.addIssue({ code: "custom", path: ["right"], message: `${leaf.operator} takes no right side` });
    }
    if (!unary && leaf.right === undefined) {
      ctx.addIssue({ code: "custom", path: ["right"], message: `${leaf.operator} needs a right side` });
    }
  });

export const conditionSchema: z.ZodType<Condition> = z.union(
  [
    z.strictObject({
      get all() {
        return z.array(conditionSchema).min(1, { error: "a group needs at least one condition" });
      },
    }),
    z.strictObject({
      get any() {
        return z.array(conditionSchema).min(1, { error: "a group needs at least one condition" });
      },
    }),
    conditionLeafSchema,
  ],
  { error: "a condition is { all: [...] }, { any: [...] } or { left, operator, right }" },
);

const onErrorSchema = z
  .strictObject({
    mode: z.enum(["fail", "ignore", "retry"]),
    attempts: intBetween(1, 10).optional(),
    delayMs: intBetween(0, 300_000).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.mode === "retry") return;
    for (const key of ["attempts", "delayMs"] as const) {
      if (o[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `only with mode: retry` });
    }
  });

const branchSchema: z.ZodType<Branch> = z.strictObject({
  name: text,
  when: z.json().optional(),
  condition: conditionSchema.optional(),
  get steps() {
    return z.array(stepSchema);
  },
});

export const stepSchema: z.ZodType<Step> = z
  .strictObject({
    name: text,
    action: z.string().regex(/^[A-Za-z][\w-]*\.[A-Za-z][\w-]*$/, { error: 'must be "<component>.<action>"' }),
    component: z
      .string()
      .regex(/^[A-Za-z][\w-]*@\d+$/, { error: 'must be "<component>@<major version>", e.g. http@1' })
      .optional(),
    inputs: z.record(z.string(), inputSchema).optional(),
    onError: onErrorSchema.optional(),
    get steps() {
      return z.array(stepSchema).optional();
    },
    get branches() {
      return z.array(branchSchema).optional();
    },
    get else() {
      return z.array(stepSchema).optional();
    },
  })
  .superRefine((step, ctx) => {
    const kind = structuralAction(step.action)?.kind;
    const forbid = (key: keyof Step, why: string) => {
      if (step[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: why });
    };
    if (step.component !== undefined && step.component.split("@")[0] !== step.action.split(".")[0]) {
      ctx.addIssue({ code: "custom", path: ["component"], message: `does not match action "${step.action}"` });
    }
    if (kind === "loop") {
      if (step.steps === undefined) ctx.addIssue({ code: "custom", path: ["steps"], message: "a loop needs steps" });
    } else {
      forbid("steps", "only loop.loopOverItems has steps");
    }
    if (kind === "branchOnValue" || kind === "branchOnExpression") {
      if (step.branches === undefined) {
        ctx.addIssue({ code: "custom", path: ["branches"], message: "a branch step needs branches" });
      }
      const wanted = kind === "branchOnValue" ? "when" : "condition";
      const unwanted = kind === "branchOnValue" ? "condition" : "when";
      step.branches?.forEach((branch, i) => {
        if (branch[wanted] === undefined) {
          ctx.addIssue({ code: "custom", path: ["branches", i, wanted], message: `required by ${step.action}` });
        }
        if (branch[unwanted] !== undefined) {
          ctx.addIssue({ code: "custom", path: ["branches", i, unwanted], message: `not used by ${step.action}` });
        }
      });
    } else {
      forbid("branches", "only branch steps have branches");
      forbid("else", "only branch steps have else");
    }
    if (kind !== undefined) forbid("onError", "the executor runs this step itself; onError is for actions");
  });

const fixedScheduleSchema = z.union(
  [
    z.strictObject({
      every: intBetween(1, 10_000),
      unit: z.enum(SCHEDULE_UNITS),
      at: z.string().optional(),
      weekday: z.enum(WEEKDAYS).optional(),
      dayOfMonth: intBetween(1, 31).optional(),
      timezone: z.string().optional(),
    }),
    z.strictObject({ cron: z.string(), timezone: z.string().optional() }),
  ],
  { error: "a schedule is { every, unit, at?, weekday?, dayOfMonth?, timezone? } or { cron, timezone? }" },
);

const scheduleSchema = z.union([fixedScheduleSchema, z.strictObject({ configVar: text })], {
  error: "a schedule is { every, unit }, { cron, timezone? } or { configVar }",
});

/** headers a caller uses to sign in: not data unless the flow asks for them */
export const KEEPABLE_HEADERS = ["authorization", "cookie", "proxy-authorization"] as const;

const triggerSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("webhook"),
    keepHeaders: z
      .array(
        z.enum(KEEPABLE_HEADERS, {
          error: `keepHeaders names only ${KEEPABLE_HEADERS.join(", ")} (other headers are always kept; the x-junction-* ones never)`,
        }),
      )
      .optional(),
  }),
  z.strictObject({ type: z.literal("schedule"), schedule: scheduleSchema }),
  z.strictObject({
    type: z.literal("component"),
    component: z.string().regex(/^[A-Za-z][\w-]*(?:@\d+)?$/, { error: 'must be "<component>" or "<component>@<major version>"' }),
    trigger: z.string().regex(/^[A-Za-z][\w-]*$/, { error: "must be the trigger's key" }),
    inputs: z.record(z.string(), inputSchema).optional(),
    schedule: scheduleSchema.optional(),
  }),
]);

const concurrencySchema = z
  .strictObject({ mode: z.enum(["parallel", "sequential", "throttled"]), limit: intBetween(1, 1000).optional() })
  .superRefine((c, ctx) => {
    if (c.mode === "throttled" && c.limit === undefined)
      ctx.addIssue({ code: "custom", path: ["limit"], message: "throttled needs a limit" });
    if (c.mode !== "throttled" && c.limit !== undefined)
      ctx.addIssue({ code: "custom", path: ["limit"], message: "only with mode: throttled" });
  });

export const RATE_LIMIT_MAX = 1000;
export const RATE_INTERVAL_MAX_S = 86_400;

export const rateLimitSchema = z
  .strictObject({
    per: z.enum(RATE_LIMIT_SCOPES, { error: "per is flow, customer or connection" }),
    configVar: text.optional(),
    limit: intBetween(1, RATE_LIMIT_MAX),
    intervalSeconds: intBetween(1, RATE_INTERVAL_MAX_S),
  })
  .superRefine((r, ctx) => {
    if (r.per !== "connection" && r.configVar !== undefined)
      ctx.addIssue({ code: "custom", path: ["configVar"], message: "only with per: connection" });
  });

const executionSchema = z.strictObject({
  synchronous: z.boolean().optional(),
  endpointSecurity: z.enum(["none", "apiKey", "hmac"]).optional(),
  concurrency: concurrencySchema.optional(),
  rateLimit: rateLimitSchema.optional(),
  rerunAfterCrash: z.boolean().optional(),
  retry: z
    .strictObject({
      maxAttempts: intBetween(1, 10),
      minutesBetween: intBetween(1, 1440),
      exponentialBackoff: z.boolean().optional(),
      cancelationKey: inputSchema.optional(),
    })
    .optional(),
});

const flowSchema = z.strictObject({
  name: text,
  trigger: triggerSchema,
  execution: executionSchema.optional(),
  steps: z.array(stepSchema),
});

const httpUrl = (what: string) =>
  z.string().refine((u) => /^https?:\/\/[^\s]+$/.test(u) && URL.canParse(u), { message: `${what} must be an http(s) URL` });

const oauth2SettingsSchema = z.strictObject({
  authorizeUrl: httpUrl("authorizeUrl"),
  tokenUrl: httpUrl("tokenUrl"),
  clientId: text,
  scopes: z.string().optional(),
  pkce: z.boolean().optional(),
  authorizeParams: z.record(z.string(), z.string()).optional(),
});

const configVarBase = {
  key: identifier,
  label: text,
  description: z.string().optional(),
  required: z.boolean().optional(),
};

const configVarSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...configVarBase, type: z.literal("string"), default: z.string().optional() }),
  z.strictObject({ ...configVarBase, type: z.literal("date"), default: z.string().optional() }),
  z.strictObject({ ...configVarBase, type: z.literal("timestamp"), default: z.string().optional() }),
  z.strictObject({
    ...configVarBase,
    type: z.literal("picklist"),
    options: z.array(text).min(1),
    default: z.string().optional(),
  }),
  z.strictObject({
    ...configVarBase,
    type: z.literal("code"),
    language: z.enum(["json", "xml", "text"]).optional(),
    default: z.string().optional(),
  }),
  z
    .strictObject({
      ...configVarBase,
      type: z.literal("credential"),
      credentialType: z.enum(CREDENTIAL_TYPES),
      oauth2: oauth2SettingsSchema.optional(),
      connection: z.strictObject({ component: text, key: text }).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.credentialType === "connection" && !v.connection)
        ctx.addIssue({ code: "custom", path: ["connection"], message: "a connection credential needs connection: { component, key }" });
      if (v.credentialType !== "connection" && v.connection)
        ctx.addIssue({ code: "custom", path: ["connection"], message: "connection belongs to credentialType connection only" });
      if (v.credentialType === "oauth2" && !v.oauth2)
        ctx.addIssue({
          code: "custom",
          path: ["oauth2"],
          message: "an oauth2 credential needs oauth2: { authorizeUrl, tokenUrl, clientId }",
        });
      if (v.credentialType !== "oauth2" && v.oauth2)
        ctx.addIssue({ code: "custom", path: ["oauth2"], message: "oauth2 settings belong to credentialType oauth2 only" });
    }),
  z.strictObject({ ...configVarBase, type: z.literal("boolean"), default: z.boolean().optional() }),
  z.strictObject({ ...configVarBase, type: z.literal("schedule"), default: fixedScheduleSchema.optional() }),
]);

const configElementSchema = z.union([z.strictObject({ header: text }), z.strictObject({ configVar: configVarSchema })], {
  error: "a config page element is { header } or { configVar }",
});

export const definitionSchema: z.ZodType<Definition> = z.strictObject({
  definitionVersion: z.literal(1, { error: "unsupported definitionVersion; this Junction reads version 1" }),
  name: text,
  description: z.string().optional(),
  labels: z.array(text).optional(),
  configPages: z.array(z.strictObject({ name: text, tagline: z.string().optional(), elements: z.array(configElementSchema) })).optional(),
  flows: z.array(flowSchema).min(1, { error: "an integration has at least one flow" }),
  componentVersions: z
    .record(z.string(), z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, { error: "must be an exact version" }))
    .optional(),
});

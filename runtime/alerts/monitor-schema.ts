/**
 * What an alert monitor watches for and where it sends what it finds. One zod schema, used by the
 * tRPC router to validate input, by the UI's form types, and by the evaluator to read rows back.
 */
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const conditionSchema = z.discriminatedUnion("kind", [
  /** the run failed for good (no retry left) */
  z.object({ kind: z.literal("executionFailed") }),
  /** an attempt failed and another is scheduled */
  z.object({ kind: z.literal("retryPending") }),
  /** the run failed after at least one retry */
  z.object({ kind: z.literal("retriesExhausted") }),
  z.object({ kind: z.literal("durationOver"), seconds: z.number().positive().max(86_400) }),
  /** a log line at this level or worse */
  z.object({ kind: z.literal("logLevel"), level: z.enum(LOG_LEVELS) }),
  /** no run queued for this many minutes (checked every minute by the leader) */
  z.object({
    kind: z.literal("overdue"),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30),
  }),
  z.object({ kind: z.literal("instanceDisabled") }),
  /** an OAuth 2.0 connection of the instance was refused a refresh: the customer must reconnect it */
  z.object({ kind: z.literal("connectionNeedsReauthorization") }),
]);
export type Condition = z.infer<typeof conditionSchema>;
export type ConditionKind = Condition["kind"];

export const destinationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("feed") }),
  z.object({
    kind: z.literal("webhook"),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:/i.test(u), "http or https only"),
    headers: z.record(z.string(), z.string()).optional(),
    /** JSON text with {{execution.id}}-style placeholders; empty sends the event as JSON */
    template: z.string().max(20_000).optional(),
  }),
  z.object({ kind: z.literal("email"), to: z.string().email() }),
]);
export type Destination = z.infer<typeof destinationSchema>;

export const monitorInputSchema = z
  .object({
    name: z.string().trim().min(1, "a name is required").max(200),
    instanceId: z.string().uuid().nullish(),
    integrationId: z.string().uuid().nullish(),
    conditions: z.array(conditionSchema).min(1, "pick at least one condition"),
    destinations: z.array(destinationSchema).min(1, "pick at least one destination"),
    quietPeriodMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
    enabled: z.boolean().default(true),
  })
  .refine((m) => !!m.instanceId !== !!m.integrationId, { message: "watch either one instance or one integration", path: ["instanceId"] });
export type MonitorInput = z.infer<typeof monitorInputSchema>;

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  executionFailed: "Execution failed",
  retryPending: "Failed, retry pending",
  retriesExhausted: "Retries exhausted",
  durationOver: "Duration over",
  logLevel: "Log line at level",
  overdue: "No run for",
  instanceDisabled: "Instance disabled",
  connectionNeedsReauthorization: "Connection needs re-authorization",
};

/** One delivery's state, kept per destination in alert_events.deliveries. */
export interface DeliveryState {
  kind: Destination["kind"];
  target?: string;
  status: "pending" | "delivered" | "failed" | "skipped";
  attempts: number;
  lastError?: string;
  at?: string;
}

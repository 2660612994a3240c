/**
 * What every way into a run produces — a webhook call, a schedule's tick, a designer or CLI test
 * run, a replay — and the execution store turns into an execution and its job.
 */
export interface RunRequest {
  id: string;
  instanceId: string | null;
  integrationId: string | null;
  versionId: string | null;
  customerId: string | null;
  flowKey: string;
  source: "webhook" | "schedule" | "test" | "replay" | "poll";
  isTest?: boolean;
  synchronous?: boolean;
  /** the trigger's results, without a binary body */
  triggerPayload: Record<string, unknown>;
  triggerBody?: Buffer | null;
  cancelationKey?: string | null;
  maxAttempts?: number;
  replayOf?: string | null;
  testDefinition?: unknown;
  /** schedule ticks: the minute it is due; one execution per instance flow and minute, whoever fires it */
  scheduledFor?: Date;
  /** its job waits until then (a schedule fired ahead of its minute) */
  startAfter?: Date;
}

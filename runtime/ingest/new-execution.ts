/** An execution about to be created by a webhook, a schedule tick, a test or a replay. */
export interface NewExecution {
  id: string;
  instanceId: string | null;
  integrationId: string | null;
  versionId: string | null;
  customerId: string | null;
  flowKey: string;
  source: "webhook" | "schedule" | "test" | "replay";
  isTest?: boolean;
  synchronous?: boolean;
  /** the trigger's results, without a binary body */
  triggerPayload: Record<string, unknown>;
  triggerBody?: Buffer | null;
  cancelationKey?: string | null;
  maxAttempts?: number;
  replayOf?: string | null;
  testDefinition?: unknown;
  /** schedule ticks: one per instance flow and minute, whichever process fires it */
  singletonKey?: string;
}

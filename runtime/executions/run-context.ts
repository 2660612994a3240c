/**
 * Everything one run needs: the execution, the definition it runs (the instance's pinned version,
 * cached — versions never change — or a test run's draft), the config values with credentials
 * decrypted, and the trigger payload with binary bodies restored. Read with the claim (queued
 * runs), or from the endpoint cache (direct runs).
 */
import type pg from "pg";
import type { Definition } from "../definition";
import { webhookUrl } from "../config/public-url";
import { decryptJson } from "../security/secret-box";
import type { RunRequest } from "./run-request";
import { cancelIfDisabled, claim, versionDefinition, type ClaimedRow, type Fence } from "./store";

export interface RunContext {
  fence: Fence;
  status: string;
  maxAttempts: number;
  /** attempts run again after their worker died (not the flow's retries) */
  crashReruns: number;
  isTest: boolean;
  synchronous: boolean;
  flowKey: string;
  instance: { id: string; name: string } | null;
  customer: { id: string; name: string; externalId: string | null } | null;
  integrationId: string | null;
  /** whose persisted data the run reads and writes */
  stateOwnerId: string;
  definition: Definition;
  configVars: Record<string, unknown>;
  trigger: Record<string, unknown>;
  webhookUrls: Record<string, string>;
}

/** The run is claimed but cannot be read (its version is gone, a secret no longer decrypts). */
export class UnreadableRunError extends Error {
  constructor(
    message: string,
    readonly fence: Fence,
  ) {
    super(message);
  }
}

/** what a direct run takes from the endpoint cache instead of a claim's read */
export interface DirectRunFacts {
  instanceName: string;
  configValues: Record<string, unknown> | null;
  credentials: string | null;
  customerName: string;
  customerExternalId: string | null;
  tokens: Record<string, string>;
}

/** The stored trigger payload, with a binary body put back as `{ contentType, data: bytes }`. */
export function restoreTrigger(payload: Record<string, unknown> | null, body: Buffer | null): Record<string, unknown> {
  const trigger = { ...(payload ?? {}) };
  if (body) {
    trigger.body = {
      contentType: trigger.bodyContentType ?? "application/octet-stream",
      data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    };
  }
  delete trigger.bodyContentType;
  return trigger;
}

/**
 * Claims a queued execution for this worker and reads everything the run needs, in one statement;
 * null when there is nothing to run (canceled, another worker has it, or its instance is disabled
 * — then it is canceled).
 */
export async function claimRun(pool: pg.Pool, executionId: string, workerId: string): Promise<RunContext | null> {
  const row = await claim(pool, executionId, workerId);
  if (row) return toRunContext(pool, row, workerId);
  // (rare: accepted by a process that had not yet heard of the disabling)
  await cancelIfDisabled(pool, executionId);
  return null;
}

/** A direct run's context, with no statement before it runs: its row is written with its first batch or its outcome. */
export function directRunContext(pool: pg.Pool, row: RunRequest, facts: DirectRunFacts, workerId: string): Promise<RunContext> {
  return toRunContext(
    pool,
    {
      id: row.id,
      status: "running",
      attempt: 1,
      max_attempts: 1,
      crash_reruns: 0,
      is_test: false,
      synchronous: true,
      flow_key: row.flowKey,
      trigger_payload: row.triggerPayload,
      trigger_body: row.triggerBody ?? null,
      version_id: row.versionId,
      test_definition: null,
      integration_id: row.integrationId,
      instance_id: row.instanceId,
      instance_name: facts.instanceName,
      config_values: facts.configValues,
      credentials: facts.credentials,
      customer_id: row.customerId,
      customer_name: facts.customerName,
      external_id: facts.customerExternalId,
      test_config: null,
      test_secrets: null,
      tokens: facts.tokens,
    },
    workerId,
  );
}

async function toRunContext(pool: pg.Pool, row: ClaimedRow, workerId: string): Promise<RunContext> {
  const fence: Fence = { executionId: row.id, attempt: row.attempt, workerId };
  let definition: Definition;
  let configVars: Record<string, unknown>;
  try {
    definition = (row.test_definition as Definition | null) ?? (await versionDefinition(pool, row.version_id!));
    // a designer test run (no instance) uses the integration's test config; an instance's test run, the instance's own
    const designerTest = row.is_test && !row.instance_id;
    const [plain, sealed] = designerTest ? [row.test_config, row.test_secrets] : [row.config_values, row.credentials];
    configVars = { ...(plain ?? {}), ...(sealed ? decryptJson<Record<string, unknown>>(sealed) : {}) };
  } catch (err) {
    throw new UnreadableRunError((err as Error).message, fence);
  }
  const tokens = row.tokens ?? {};

  return {
    fence,
    status: row.status,
    maxAttempts: row.max_attempts,
    crashReruns: row.crash_reruns,
    isTest: row.is_test,
    synchronous: row.synchronous,
    flowKey: row.flow_key,
    instance: row.instance_id ? { id: row.instance_id, name: row.instance_name! } : null,
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name!, externalId: row.external_id } : null,
    integrationId: row.integration_id,
    stateOwnerId: (row.instance_id ?? row.integration_id)!,
    definition,
    configVars,
    trigger: restoreTrigger(row.trigger_payload, row.trigger_body),
    webhookUrls: Object.fromEntries(Object.entries(tokens).map(([flow, token]) => [flow, webhookUrl(token)])),
  };
}

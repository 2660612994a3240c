/**
 * Replay: the same trigger payload again, on the version the execution ran on or on the
 * instance's current one, as a new execution that points back at the old.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { IngestBatcher } from "../executions/accept-batcher";
import { replaySource } from "../executions/store";

export class ReplayError extends Error {}

export async function replayExecution(
  pool: pg.Pool,
  batcher: IngestBatcher,
  input: { executionId: string; latestVersion?: boolean; id?: string },
) {
  const old = await replaySource(pool, input.executionId);
  if (!old) throw new ReplayError("execution not found");
  if (!old.instance_id && !old.is_test) throw new ReplayError("the instance of this execution no longer exists");
  if (old.instance_id && old.instance_enabled === false) throw new ReplayError("the instance is disabled: enable it to replay its runs");
  // a bulk replay chooses the new run's id beforehand (runtime/bulk-replay)
  const id = input.id ?? randomUUID();
  await batcher.add({
    id,
    instanceId: old.instance_id,
    integrationId: old.integration_id,
    versionId: input.latestVersion && old.current_version_id ? old.current_version_id : old.version_id,
    customerId: old.customer_id,
    flowKey: old.flow_key,
    source: "replay",
    isTest: old.is_test,
    triggerPayload: old.trigger_payload ?? {},
    triggerBody: old.trigger_body,
    cancelationKey: old.cancelation_key,
    maxAttempts: old.max_attempts,
    replayOf: old.id,
    testDefinition: old.test_definition ?? undefined,
  });
  return { id, replayOf: old.id };
}

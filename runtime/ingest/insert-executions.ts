import type PgBoss from "pg-boss";
import type { PoolClient } from "pg";
import { enqueueInTransaction } from "../queue/enqueue";
import { CANCELED_BY_NEWER } from "./cancelation-key";
import type { NewExecution } from "./new-execution";

/**
 * Inserts execution rows and their jobs with the caller's client, inside its transaction: one
 * statement for all rows, one for all jobs. A newer invocation with a cancelation key cancels the
 * pending retries of older executions of the same instance flow with the same key.
 */
export async function insertExecutions(boss: PgBoss, client: PoolClient, rows: NewExecution[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `insert into executions (id, instance_id, integration_id, version_id, customer_id, flow_key, source, is_test, synchronous,
                             trigger_payload, trigger_body, cancelation_key, max_attempts, replay_of, test_definition)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::bool[], $9::bool[],
                          $10::jsonb[], $11::bytea[], $12::text[], $13::smallint[], $14::uuid[], $15::jsonb[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.instanceId),
      rows.map((r) => r.integrationId),
      rows.map((r) => r.versionId),
      rows.map((r) => r.customerId),
      rows.map((r) => r.flowKey),
      rows.map((r) => r.source),
      rows.map((r) => !!r.isTest),
      rows.map((r) => !!r.synchronous),
      rows.map((r) => JSON.stringify(r.triggerPayload)),
      rows.map((r) => r.triggerBody ?? null),
      rows.map((r) => r.cancelationKey ?? null),
      rows.map((r) => r.maxAttempts ?? 1),
      rows.map((r) => r.replayOf ?? null),
      rows.map((r) => (r.testDefinition === undefined ? null : JSON.stringify(r.testDefinition))),
    ],
  );
  const keyed = rows.filter((r) => r.cancelationKey && r.instanceId);
  if (keyed.length) {
    await client.query(
      `update executions e set status = 'canceled', finished_at = now(),
              error = jsonb_build_object('message', '${CANCELED_BY_NEWER}', 'canceledBy', k.id)
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) as k(id, instance_id, flow_key, cancelation_key)
        where e.status = 'retry_pending' and e.instance_id = k.instance_id and e.flow_key = k.flow_key
          and e.cancelation_key = k.cancelation_key and e.id <> k.id`,
      [keyed.map((r) => r.id), keyed.map((r) => r.instanceId), keyed.map((r) => r.flowKey), keyed.map((r) => r.cancelationKey)],
    );
  }
  await enqueueInTransaction(
    boss,
    client,
    rows.map((r) => ({ executionId: r.id, singletonKey: r.singletonKey })),
  );
}

/**
 * Accepting run requests: their executions and their jobs, in the caller's transaction — one
 * statement for all rows (`unnest`), one for all jobs. A schedule's tick already fired for its
 * minute (by another leader, say) is skipped. A newer invocation with a cancelation key cancels
 * the pending retries of older executions of the same instance flow with the same key.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { executions } from "@/db/schema";
import { enqueueInTransaction } from "@/runtime/queue/enqueue";
import { CANCELED_BY_NEWER } from "../end-reasons";
import type { RunRequest } from "../run-request";
import { col, p, sql, statement } from "./statement";

const insert = statement("executions.accept", () => {
  const e = executions;
  return sql`insert into ${e} (${col(e.id)}, ${col(e.instanceId)}, ${col(e.integrationId)}, ${col(e.versionId)}, ${col(e.customerId)}, ${col(e.flowKey)},
                      ${col(e.source)}, ${col(e.isTest)}, ${col(e.synchronous)}, ${col(e.triggerPayload)}, ${col(e.triggerBody)}, ${col(e.cancelationKey)},
                      ${col(e.maxAttempts)}, ${col(e.replayOf)}, ${col(e.testDefinition)}, ${col(e.scheduledFor)})
    select * from unnest(${p("id")}::uuid[], ${p("instanceId")}::uuid[], ${p("integrationId")}::uuid[], ${p("versionId")}::uuid[], ${p("customerId")}::uuid[],
                         ${p("flowKey")}::text[], ${p("source")}::text[], ${p("isTest")}::bool[], ${p("synchronous")}::bool[], ${p("payload")}::jsonb[],
                         ${p("body")}::bytea[], ${p("cancelationKey")}::text[], ${p("maxAttempts")}::smallint[], ${p("replayOf")}::uuid[],
                         ${p("testDefinition")}::jsonb[], ${p("scheduledFor")}::timestamptz[])
    on conflict (${col(e.instanceId)}, ${col(e.flowKey)}, ${col(e.scheduledFor)}) do nothing
    returning ${col(e.id)}`;
});

const cancelOlder = statement("executions.cancel-older", () => {
  const e = executions;
  return sql`update ${e} set ${col(e.status)} = 'canceled', ${col(e.finishedAt)} = now(),
                 ${col(e.error)} = jsonb_build_object('message', ${sql.raw(`'${CANCELED_BY_NEWER}'`)}::text, 'canceledBy', k.id)
      from unnest(${p("id")}::uuid[], ${p("instanceId")}::uuid[], ${p("flowKey")}::text[], ${p("key")}::text[]) as k(id, instance_id, flow_key, cancelation_key)
     where ${e.status} = 'retry_pending' and ${e.instanceId} = k.instance_id and ${e.flowKey} = k.flow_key
       and ${e.cancelationKey} = k.cancelation_key and ${e.id} <> k.id`;
});

/** inserts the requests' executions and jobs; returns the ids inserted (a tick already fired is not) */
export async function acceptRequests(boss: PgBoss, client: pg.PoolClient, requests: RunRequest[]): Promise<string[]> {
  if (requests.length === 0) return [];
  const r = await client.query(
    insert({
      id: requests.map((r) => r.id),
      instanceId: requests.map((r) => r.instanceId),
      integrationId: requests.map((r) => r.integrationId),
      versionId: requests.map((r) => r.versionId),
      customerId: requests.map((r) => r.customerId),
      flowKey: requests.map((r) => r.flowKey),
      source: requests.map((r) => r.source),
      isTest: requests.map((r) => !!r.isTest),
      synchronous: requests.map((r) => !!r.synchronous),
      payload: requests.map((r) => JSON.stringify(r.triggerPayload)),
      body: requests.map((r) => r.triggerBody ?? null),
      cancelationKey: requests.map((r) => r.cancelationKey ?? null),
      maxAttempts: requests.map((r) => r.maxAttempts ?? 1),
      replayOf: requests.map((r) => r.replayOf ?? null),
      testDefinition: requests.map((r) => (r.testDefinition === undefined ? null : JSON.stringify(r.testDefinition))),
      scheduledFor: requests.map((r) => r.scheduledFor ?? null),
    }),
  );
  const inserted = new Set<string>(r.rows.map((row) => row.id));
  const keyed = requests.filter((r) => r.cancelationKey && r.instanceId && inserted.has(r.id));
  if (keyed.length) {
    await client.query(
      cancelOlder({
        id: keyed.map((r) => r.id),
        instanceId: keyed.map((r) => r.instanceId),
        flowKey: keyed.map((r) => r.flowKey),
        key: keyed.map((r) => r.cancelationKey),
      }),
    );
  }
  const accepted = requests.filter((r) => inserted.has(r.id));
  await enqueueInTransaction(
    boss,
    client,
    accepted.map((r) => ({ executionId: r.id, startAfter: r.startAfter })),
  );
  return accepted.map((r) => r.id);
}

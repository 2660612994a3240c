/**
 * Claiming a queued execution for a worker: the row moves to `running` under this worker with its
 * attempt recorded, and everything the run needs is read — in one statement. The attempt number
 * and the worker id are the run's fence: every later write of this attempt carries them.
 */
import { alias } from "drizzle-orm/pg-core";
import { customers, executionAttempts, executions, instanceFlows, instances, integrations } from "@/db/schema";
import { CANCELED_BY_DISABLING } from "../end-reasons";
import { col, p, sql, statement, type Queryable } from "./statement";

/** which attempt of which execution a worker owns; a write that does not match the row is refused */
export interface Fence {
  executionId: string;
  attempt: number;
  workerId: string;
}

/** what a run needs, as read with its claim (pg's untyped row: the names are the columns') */
export interface ClaimedRow {
  id: string;
  status: string;
  attempt: number;
  max_attempts: number;
  crash_reruns: number;
  is_test: boolean;
  synchronous: boolean;
  flow_key: string;
  trigger_payload: Record<string, unknown> | null;
  trigger_body: Buffer | null;
  version_id: string | null;
  test_definition: unknown;
  integration_id: string | null;
  instance_id: string | null;
  instance_name: string | null;
  config_values: Record<string, unknown> | null;
  credentials: string | null;
  customer_id: string | null;
  customer_name: string | null;
  external_id: string | null;
  test_config: Record<string, unknown> | null;
  test_secrets: string | null;
  tokens: Record<string, string> | null;
}

const e = executions;

/** the row while the fence's attempt owns it (placeholders f_id, f_attempt, f_worker) */
export const fencedSql = sql`${e.id} = ${p("f_id")} and ${e.attempt} = ${p("f_attempt")} and ${e.workerId} = ${p("f_worker")} and ${e.status} = 'running'`;

const enabledInstance = sql`(${e.instanceId} is null or (select i.enabled from ${instances} i where i.id = ${e.instanceId}))`;

const claimStatement = statement("run.claim", () => {
  const c = alias(executions, "claimed");
  return sql`with claimed as (
       update ${e} set ${col(e.status)} = 'running', ${col(e.startedAt)} = coalesce(${e.startedAt}, now()), ${col(e.heartbeatAt)} = now(),
                       ${col(e.workerId)} = ${p("workerId")}
        where ${e.id} = ${p("id")} and ${e.status} in ('queued', 'retry_pending') and ${enabledInstance}
        returning *
     ), attempt as (
       insert into ${executionAttempts} (${col(executionAttempts.executionId)}, ${col(executionAttempts.attempt)}, ${col(executionAttempts.status)}, ${col(executionAttempts.workerId)})
       select ${c.id}, ${c.attempt}, 'running', ${p("workerId")} from claimed
     )
     select ${c.id}, ${c.status}, ${c.attempt}, ${c.maxAttempts}, ${c.crashReruns}, ${c.isTest}, ${c.synchronous}, ${c.flowKey}, ${c.triggerPayload}, ${c.triggerBody},
            ${c.versionId}, ${c.testDefinition}, ${c.integrationId},
            i.id as instance_id, i.name as instance_name, i.config_values, i.credentials,
            cu.id as customer_id, cu.name as customer_name, cu.external_id,
            g.test_config, g.test_secrets,
            (select json_object_agg(f.flow_key, f.webhook_token) from ${instanceFlows} f where f.instance_id = ${c.instanceId}) as tokens
       from claimed
       left join ${instances} i on i.id = ${c.instanceId}
       left join ${customers} cu on cu.id = ${c.customerId}
       left join ${integrations} g on g.id = ${c.integrationId}`;
});

/** the run, now owned by `workerId`; null when it is not there to take (canceled, finished, another worker's, or its instance disabled) */
export async function claim(db: Queryable, executionId: string, workerId: string): Promise<ClaimedRow | null> {
  const r = await db.query(claimStatement({ id: executionId, workerId }));
  return r.rows[0] ?? null;
}

const cancelDisabledStatement = statement(
  "run.cancel-disabled",
  () =>
    sql`update ${e} set ${col(e.status)} = 'canceled', ${col(e.finishedAt)} = now(), ${col(e.error)} = jsonb_build_object('message', ${p("reason")}::text)
       where ${e.id} = ${p("id")} and ${e.status} in ('queued', 'retry_pending')
         and not coalesce((select i.enabled from ${instances} i where i.id = ${e.instanceId}), true)`,
);

/** a run accepted by a process that had not yet heard of its instance's disabling: canceled now */
export async function cancelIfDisabled(db: Queryable, executionId: string): Promise<void> {
  await db.query(cancelDisabledStatement({ id: executionId, reason: CANCELED_BY_DISABLING }));
}

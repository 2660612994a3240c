/** Canceling what a disabled instance still had to do (its queued runs, pending retries and replays). */
import type { SQL } from "drizzle-orm";
import { executions } from "@/db/schema";
import { doneNoticeSql } from "../completion/done-notice";
import { CANCELED_BY_DISABLING } from "../end-reasons";
import { col, sql } from "./statement";

/** for the disabling's own transaction (drizzle's `tx.execute`): a worker claiming one later finds it canceled */
export function cancelWaitingRunsSql(instanceId: string): SQL {
  const e = executions;
  return sql`with canceled as (
      update ${e} set ${col(e.status)} = 'canceled', ${col(e.finishedAt)} = now(), ${col(e.error)} = jsonb_build_object('message', ${CANCELED_BY_DISABLING}::text)
       where ${e.instanceId} = ${instanceId} and ${e.status} in ('queued', 'retry_pending')
      returning id, status, instance_id, integration_id
    )
    select ${doneNoticeSql("canceled")} from canceled`;
}

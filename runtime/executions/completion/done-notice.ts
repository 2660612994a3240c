/**
 * The notice a run's end sends on `junction_execution_done` (and a failed attempt with a retry
 * pending): `<id>:<status>:<instance id>:<integration id>`. Built in SQL by the statements that
 * end runs (`doneNoticeSql`), read here only.
 */
import { sql, type SQL } from "drizzle-orm";
import { CHANNELS } from "@/runtime/queue/channels";

export interface DoneNotice {
  id: string;
  status: string;
  instanceId?: string;
  integrationId?: string;
}

export function decodeDoneNotice(payload: string): DoneNotice | null {
  const [id, status, instanceId, integrationId] = payload.split(":");
  if (!id || !status) return null;
  return { id, status, instanceId: instanceId || undefined, integrationId: integrationId || undefined };
}

/**
 * `pg_notify(…)` for the row `alias` (a table or CTE with id, instance_id, integration_id, and
 * status unless `status` is given): delivered when the statement's transaction commits.
 */
export function doneNoticeSql(alias: string, status?: SQL): SQL {
  const a = sql.identifier(alias);
  return sql`pg_notify(${sql.raw(`'${CHANNELS.done}'`)}, ${a}.id || ':' || ${status ?? sql`${a}.status`} || ':' || coalesce(${a}.instance_id::text, '') || ':' || coalesce(${a}.integration_id::text, ''))`;
}

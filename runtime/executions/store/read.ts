/** Reads of the execution store: a run's stored outcome, which of some runs ended, a run to replay, persisted data. */
import { executions, instances, integrationVersions, persistedData, UNFINISHED_STATUSES } from "@/db/schema";
import type { Definition } from "@/runtime/definition";
import type { ResultMeta } from "../result-columns";
import { p, sql, statement, type Queryable } from "./statement";

const e = executions;

/** an execution's outcome columns, as stored (and as the worker that wrote them has them) */
export interface StoredOutcome {
  status: string;
  result: unknown;
  result_body: Buffer | null;
  result_meta: ResultMeta | null;
  error: { message?: string; stepKey?: string } | null;
}

const outcomeStatement = statement(
  "executions.outcome",
  () => sql`select ${e.status}, ${e.result}, ${e.resultBody}, ${e.resultMeta}, ${e.error} from ${e} where ${e.id} = ${p("id")}`,
);

export async function readOutcome(db: Queryable, id: string): Promise<StoredOutcome | null> {
  return (await db.query(outcomeStatement({ id }))).rows[0] ?? null;
}

const unfinished = sql.raw(`(${UNFINISHED_STATUSES.map((s) => `'${s}'`).join(", ")})`);
const endedStatement = statement(
  "executions.ended-among",
  () =>
    sql`select ${e.id}, ${e.status}, ${e.instanceId} as "instanceId", ${e.integrationId} as "integrationId" from ${e} where ${e.id} = any(${p("ids")}::uuid[]) and ${e.status} not in ${unfinished}`,
);

/** which of these runs have ended, with their status */
export async function endedAmong(
  db: Queryable,
  ids: string[],
): Promise<Array<{ id: string; status: string; instanceId: string | null; integrationId: string | null }>> {
  if (ids.length === 0) return [];
  return (await db.query(endedStatement({ ids }))).rows;
}

const replayStatement = statement(
  "executions.replay-source",
  () =>
    sql`select ${e.id}, ${e.instanceId} as instance_id, ${e.integrationId} as integration_id, ${e.versionId} as version_id, ${e.customerId} as customer_id,
             ${e.flowKey} as flow_key, ${e.isTest} as is_test, ${e.triggerPayload} as trigger_payload, ${e.triggerBody} as trigger_body,
             ${e.cancelationKey} as cancelation_key, ${e.maxAttempts} as max_attempts, ${e.testDefinition} as test_definition,
             i.version_id as current_version_id, i.enabled as instance_enabled
        from ${e} left join ${instances} i on i.id = ${e.instanceId} where ${e.id} = ${p("id")}`,
);

/** what a replay of the execution starts from */
export async function replaySource(db: Queryable, id: string) {
  return (await db.query(replayStatement({ id }))).rows[0] ?? null;
}

const stateStatement = statement("state.get", () => {
  const d = persistedData;
  return sql`select ${d.value} from ${d} where ${d.ownerId} = ${p("owner")} and ${d.flowKey} = ${p("flow")} and ${d.key} = ${p("key")}`;
});

/** a Persist Data value as stored, or undefined */
export async function readState(db: Queryable, ownerId: string, flowKey: string, key: string): Promise<unknown> {
  return (await db.query(stateStatement({ owner: ownerId, flow: flowKey, key }))).rows[0]?.value;
}

const definitions = new Map<string, Definition>();
const versionStatement = statement(
  "versions.definition",
  () => sql`select ${integrationVersions.definition} from ${integrationVersions} where ${integrationVersions.id} = ${p("id")}`,
);

/** a published version's definition — cached: versions never change */
export async function versionDefinition(db: Queryable, versionId: string): Promise<Definition> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const r = await db.query(versionStatement({ id: versionId }));
  if (!r.rows[0]) throw new Error(`integration version ${versionId} no longer exists`);
  if (definitions.size > 500) definitions.clear();
  definitions.set(versionId, r.rows[0].definition);
  return r.rows[0].definition;
}

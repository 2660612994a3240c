import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, executions, instanceFlows, instances, integrations, type ExecutionStatus } from "@/db/schema";
import { flowKey } from "@/runtime/definition/step-key";

export interface ListExecutionsInput {
  instanceId?: string;
  integrationId?: string;
  customerId?: string;
  flow?: string;
  status?: ExecutionStatus;
  isTest?: boolean;
  since?: Date;
  until?: Date;
  limit?: number;
  /** keyset pagination: the last row of the previous page */
  cursor?: { queuedAt: string; id: string };
}

// the indexes are (…, queued_at DESC NULLS LAST): only this exact order lets a page be read from them
const queuedAtDesc = sql`${executions.queuedAt} desc nulls last`;

/** The list's filters as a condition: also what a bulk replay selects (services/executions/bulk-replay). */
export function executionFilter(input: Omit<ListExecutionsInput, "limit" | "cursor">): SQL | undefined {
  return and(
    input.instanceId ? eq(executions.instanceId, input.instanceId) : undefined,
    input.integrationId ? eq(executions.integrationId, input.integrationId) : undefined,
    input.customerId ? eq(executions.customerId, input.customerId) : undefined,
    // a flow's name or its key: the key of a key is itself
    input.flow ? eq(executions.flowKey, flowKey(input.flow)) : undefined,
    input.status ? eq(executions.status, input.status) : undefined,
    input.isTest === undefined ? undefined : eq(executions.isTest, input.isTest),
    input.since ? gte(executions.queuedAt, input.since) : undefined,
    input.until ? lte(executions.queuedAt, input.until) : undefined,
  );
}

/** Newest first, paginated by (queued_at, id) so pages stay stable as new runs arrive. */
export async function listExecutions(db: Db, input: ListExecutionsInput) {
  const limit = Math.min(input.limit ?? 50, 500);
  const where: (SQL | undefined)[] = [
    executionFilter(input),
    input.cursor
      ? // the first half bounds an index range; the second breaks ties on id
        and(
          sql`${executions.queuedAt} <= ${input.cursor.queuedAt}::timestamptz`,
          or(sql`${executions.queuedAt} < ${input.cursor.queuedAt}::timestamptz`, lt(executions.id, input.cursor.id)),
        )
      : undefined,
  ];
  const rows = await db
    .select({
      id: executions.id,
      status: executions.status,
      source: executions.source,
      isTest: executions.isTest,
      flow: executions.flowKey,
      flowName: instanceFlows.flowName,
      instanceId: executions.instanceId,
      instance: instances.name,
      integrationId: executions.integrationId,
      integration: integrations.name,
      customerId: executions.customerId,
      customer: customers.name,
      attempt: executions.attempt,
      queuedAt: executions.queuedAt,
      startedAt: executions.startedAt,
      finishedAt: executions.finishedAt,
      durationMs: executions.durationMs,
      error: executions.error,
      // the exact time (microseconds) for the cursor: a JS Date would round it to milliseconds
      cursorAt: sql<string>`${executions.queuedAt}::text`,
    })
    .from(executions)
    .leftJoin(instances, eq(instances.id, executions.instanceId))
    .leftJoin(integrations, eq(integrations.id, executions.integrationId))
    .leftJoin(customers, eq(customers.id, executions.customerId))
    .leftJoin(instanceFlows, and(eq(instanceFlows.instanceId, executions.instanceId), eq(instanceFlows.flowKey, executions.flowKey)))
    .where(and(...where))
    .orderBy(queuedAtDesc, desc(executions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ cursorAt: _, ...row }) => row);
  const last = rows[limit - 1];
  return {
    items: await withFlowNames(db, page),
    nextCursor: rows.length > limit && last ? { queuedAt: last.cursorAt, id: last.id } : null,
  };
}

/**
 * Flow names of the rows the instance's flows do not name (test runs, a flow renamed since): from
 * the definition each ran, one query for the page; the key when none is found.
 */
async function withFlowNames<T extends { id: string; flow: string; flowName: string | null }>(db: Db, rows: T[]) {
  const unnamed = rows.filter((r) => r.flowName === null).map((r) => r.id);
  if (unnamed.length === 0) return rows as (T & { flowName: string })[];
  const r = await db.execute<{ id: string; names: unknown }>(sql`
    select e.id, jsonb_path_query_array(coalesce(e.test_definition, v.definition), '$.flows[*].name') as names
      from executions e left join integration_versions v on v.id = e.version_id
     where e.id = any(${`{${unnamed.join(",")}}`}::uuid[])`);
  const names = new Map(r.rows.map((x) => [x.id, Array.isArray(x.names) ? x.names.filter((n): n is string => typeof n === "string") : []]));
  return rows.map((row) => ({ ...row, flowName: row.flowName ?? names.get(row.id)?.find((n) => flowKey(n) === row.flow) ?? row.flow }));
}

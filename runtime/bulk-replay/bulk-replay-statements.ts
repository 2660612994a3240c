/** The bulk replay job's statements on bulk_replays and bulk_replay_runs (schema: db/schema/bulk-replays.ts). */
import { bulkReplayRuns, bulkReplays, executions } from "@/db/schema";
import { col, p, sql, statement, type Queryable } from "../executions/store/statement";

const b = bulkReplays;
const r = bulkReplayRuns;

/** what a slice needs to know about its bulk replay, read before each batch */
export interface BulkReplayState {
  status: string;
  per_second: number;
  latest_version: boolean;
  cancel_requested: boolean;
}

const beginStatement = statement(
  "bulk-replays.begin",
  () =>
    sql`update ${b} set ${col(b.status)} = 'running', ${col(b.startedAt)} = coalesce(${b.startedAt}, now())
         where ${b.id} = ${p("id")} and ${b.status} in ('queued', 'running')
     returning ${b.status}, ${b.perSecond} as per_second, ${b.latestVersion} as latest_version, ${b.cancelRequestedAt} is not null as cancel_requested`,
);

/** marks it running; null when it has ended (canceled before it started, completed) or is gone */
export async function beginBulkReplay(db: Queryable, id: string): Promise<BulkReplayState | null> {
  return (await db.query(beginStatement({ id }))).rows[0] ?? null;
}

const stateStatement = statement(
  "bulk-replays.state",
  () =>
    sql`select ${b.status}, ${b.perSecond} as per_second, ${b.latestVersion} as latest_version, ${b.cancelRequestedAt} is not null as cancel_requested
          from ${b} where ${b.id} = ${p("id")}`,
);

export async function bulkReplayState(db: Queryable, id: string): Promise<BulkReplayState | null> {
  return (await db.query(stateStatement({ id }))).rows[0] ?? null;
}

const endStatement = statement(
  "bulk-replays.end",
  () =>
    sql`update ${b} set ${col(b.status)} = ${p("status")}, ${col(b.finishedAt)} = now()
         where ${b.id} = ${p("id")} and ${b.status} in ('queued', 'running')`,
);

export async function endBulkReplay(db: Queryable, id: string, status: "completed" | "canceled"): Promise<void> {
  await db.query(endStatement({ id, status }));
}

const nextBatchStatement = statement(
  "bulk-replays.next-batch",
  () =>
    sql`update ${r} set ${col(r.executionId)} = coalesce(${r.executionId}, gen_random_uuid())
         where ${r.bulkReplayId} = ${p("id")} and ${r.position} in (
               select ${r.position} from ${r} where ${r.bulkReplayId} = ${p("id")} and ${r.outcome} is null
                order by ${r.position} limit ${p("limit")})
     returning ${r.position}, ${r.originalId} as original_id, ${r.executionId} as execution_id`,
);

export interface BatchItem {
  position: number;
  original_id: string;
  /** the new run's id: chosen here and committed before the run is accepted */
  execution_id: string;
}

/** the next originals to replay, oldest first, each with its new run's id (kept if a crashed job chose it already) */
export async function nextBatch(db: Queryable, id: string, limit: number): Promise<BatchItem[]> {
  const rows: BatchItem[] = (await db.query(nextBatchStatement({ id, limit }))).rows;
  return rows.sort((x, y) => x.position - y.position);
}

const existingStatement = statement(
  "bulk-replays.existing",
  () => sql`select ${executions.id} from ${executions} where ${executions.id} = any(${p("ids")}::uuid[])`,
);

/** which of these new runs exist: accepted before a crash cut the job off */
export async function existingRuns(db: Queryable, ids: string[]): Promise<Set<string>> {
  return new Set((await db.query(existingStatement({ ids }))).rows.map((x: { id: string }) => x.id));
}

// the counts grow by the rows this marks, so a batch recorded twice counts once
const recordStatement = statement(
  "bulk-replays.record",
  () =>
    sql`with marked as (
          update ${r} set ${col(r.outcome)} = o.outcome, ${col(r.error)} = o.error
            from unnest(${p("positions")}::int[], ${p("outcomes")}::text[], ${p("errors")}::text[]) as o(position, outcome, error)
           where ${r.bulkReplayId} = ${p("id")} and ${r.position} = o.position and ${r.outcome} is null
       returning o.outcome)
        update ${b} set ${col(b.replayed)} = ${b.replayed} + (select count(*) from marked where outcome = 'replayed'),
                        ${col(b.failed)} = ${b.failed} + (select count(*) from marked where outcome = 'failed'),
                        ${col(b.lastError)} = null
         where ${b.id} = ${p("id")}`,
);

export interface Outcome {
  position: number;
  outcome: "replayed" | "failed";
  error: string | null;
}

/** the batch's outcomes, and the counts with them (one statement) */
export async function recordOutcomes(db: Queryable, id: string, outcomes: Outcome[]): Promise<void> {
  await db.query(
    recordStatement({
      id,
      positions: outcomes.map((o) => o.position),
      outcomes: outcomes.map((o) => o.outcome),
      errors: outcomes.map((o) => o.error),
    }),
  );
}

const errorStatement = statement(
  "bulk-replays.error",
  () => sql`update ${b} set ${col(b.lastError)} = ${p("error")} where ${b.id} = ${p("id")}`,
);

export async function recordJobError(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(errorStatement({ id, error }));
}

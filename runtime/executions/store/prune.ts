/** Retention's statements (retention/prune-executions.ts): each deletes or marks at most `limit` rows. */
import { executionLogs, executions, stepResults, UNFINISHED_STATUSES } from "@/db/schema";
import { col, p, sql, statement, type Queryable } from "./statement";

const unfinished = sql.raw(`(${UNFINISHED_STATUSES.map((s) => `'${s}'`).join(", ")})`);

const statements = {
  logs: statement("prune.logs", () => {
    const l = executionLogs;
    return sql`delete from ${l} where ctid = any(array(select ctid from ${l} where ${l.createdAt} < ${p("cutoff")} limit ${p("limit")}))`;
  }),
  steps: statement("prune.steps", () => {
    const s = stepResults;
    return sql`delete from ${s} where ctid = any(array(select ctid from ${s} where ${s.startedAt} < ${p("cutoff")} limit ${p("limit")}))`;
  }),
  // the executions stay as summaries (status, timing, error, trigger payload for replays)
  executions: statement("prune.executions", () => {
    const e = executions;
    return sql`update ${e} set ${col(e.pruned)} = true
      where ${e.id} = any(array(select id from ${e} where ${e.queuedAt} < ${p("cutoff")} and not ${e.pruned} and ${e.status} not in ${unfinished} limit ${p("limit")}))`;
  }),
};

export type PruneTarget = keyof typeof statements;

/** one batch; returns the rows deleted or marked */
export async function pruneBatch(db: Queryable, target: PruneTarget, cutoff: Date, limit: number): Promise<number> {
  return (await db.query(statements[target]({ cutoff, limit }))).rowCount ?? 0;
}

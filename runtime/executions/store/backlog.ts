/** The queue's backlog (runs due and not started) and the refusals it caused. */
import { backlogRefusals, executions } from "@/db/schema";
import { col, p, sql, statement, type Queryable } from "./statement";

const e = executions;
const r = backlogRefusals;

export interface BacklogFigures {
  /** queued runs that are due (not a schedule's or a retry's future start) */
  queued: number;
  /** how long the oldest of them has waited, in seconds (0 when none) */
  oldestSeconds: number;
}

const backlogStatement = statement(
  "executions.backlog",
  () =>
    sql`select count(*)::int as queued, coalesce(extract(epoch from now() - min(${e.queuedAt})), 0)::float8 as "oldestSeconds"
        from ${e} where ${e.status} = 'queued' and coalesce(${e.scheduledFor}, ${e.queuedAt}) <= now()`,
);

export async function readBacklog(db: Queryable): Promise<BacklogFigures> {
  return (await db.query(backlogStatement({}))).rows[0];
}

const refusalsStatement = statement(
  "backlog.refusals",
  () =>
    sql`insert into ${r} (${col(r.minute)}, ${col(r.refused)}) values (date_trunc('minute', now()), ${p("n")}::int)
      on conflict (${col(r.minute)}) do update set ${col(r.refused)} = ${r.refused} + excluded.${col(r.refused)}`,
);

export async function recordRefusals(db: Queryable, n: number): Promise<void> {
  await db.query(refusalsStatement({ n }));
}

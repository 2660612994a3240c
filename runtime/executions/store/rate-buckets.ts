/**
 * The statements of rate limits (rate-limit.ts) on `rate_limit_buckets`. A bucket keeps the start
 * times granted to the last runs of its budget, oldest first. One statement, under the bucket's
 * row lock, grants a run its start: the first moment at least interval/limit after the run
 * before it, and at which the run `limit` places before it is an interval (plus the guard) old.
 * A run's attempt that already holds a grant (not past by more than the guard) keeps it: it was
 * re-queued to start then. A bucket therefore holds a slot per run waiting on it, as well as the
 * last interval's.
 */
import { rateLimitBuckets } from "@/db/schema";
import { col, p, sql, statement, type Queryable } from "./statement";

const b = rateLimitBuckets;

/**
 * The most slots a bucket keeps: the runs of the last interval and every run waiting for its
 * start. Past it the earliest waiting runs lose their grant and ask again when they come.
 */
const MAX_SLOTS = 100_000;

const grantStatement = statement("rate.grant", () => {
  const n = sql`cardinality(cur.slots)`;
  // runs are spread evenly, one per interval/limit, rather than let through in bursts: a burst's
  // runs compete for the worker's CPU, and their calls reach the API over a spread that eats the guard
  const spacing = sql`${p("intervalMs")}::bigint / ${p("limit")}::int`;
  return sql`with cur as (
       select ${b.key} as key, ${b.slots} as slots, ${b.holders} as holders,
              (extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms,
              (select max(i) from unnest(array_positions(${b.holders}, ${p("holder")}::text)) i) as mine
         from ${b} where ${b.key} = ${p("key")} for update
     ), pick as (
       select cur.*,
              coalesce(cur.slots[cur.mine] >= cur.now_ms - ${p("guardMs")}::bigint, false) as reused,
              case
                when coalesce(cur.slots[cur.mine] >= cur.now_ms - ${p("guardMs")}::bigint, false) then cur.slots[cur.mine]
                when ${n} < ${p("limit")}::int then greatest(cur.now_ms, cur.slots[${n}] + ${spacing})
                else greatest(cur.now_ms, cur.slots[${n}] + ${spacing},
                              cur.slots[${n} - ${p("limit")}::int + 1] + ${p("intervalMs")}::bigint + ${p("guardMs")}::bigint)
              end as grant_ms
         from cur
     ), kept as (
       -- slots are ascending: drop the prefix no grant can depend on any more (older than an interval and the guard)
       select pick.*, greatest(1 + (select count(*)::int from unnest(pick.slots) s
                                     where s < pick.now_ms - ${p("intervalMs")}::bigint - ${p("guardMs")}::bigint),
                               cardinality(pick.slots) + 2 - ${MAX_SLOTS}) as first
         from pick
     )
     update ${b} set
       ${col(b.slots)} = case when kept.reused then kept.slots[kept.first:] else (kept.slots || kept.grant_ms)[kept.first:] end,
       ${col(b.holders)} = case when kept.reused then kept.holders[kept.first:] else (kept.holders || ${p("holder")}::text)[kept.first:] end,
       ${col(b.updatedAt)} = now()
      from kept
     where ${b.key} = kept.key
     returning kept.grant_ms::float8 as grant_ms, kept.now_ms::float8 as now_ms, kept.reused`;
});

const createStatement = statement(
  "rate.create",
  () => sql`insert into ${b} (${col(b.key)}, ${col(b.slots)}, ${col(b.holders)}) values (${p("key")}, '{}', '{}') on conflict do nothing`,
);

export interface Grant {
  /** when the run may start, epoch ms on PostgreSQL's clock */
  at: number;
  /** PostgreSQL's clock when granted */
  now: number;
  /** the attempt already held this grant */
  reused: boolean;
}

/** grants `holder` (an execution's attempt) a start within the budget `key`: `limit` starts per `intervalMs` (+ `guardMs`) */
export async function grantStart(
  db: Queryable,
  v: { key: string; holder: string; limit: number; intervalMs: number; guardMs: number },
): Promise<Grant> {
  for (;;) {
    const r = await db.query(grantStatement(v));
    const row = r.rows[0];
    if (row) return { at: row.grant_ms, now: row.now_ms, reused: row.reused };
    await db.query(createStatement({ key: v.key })); // the budget's first run
  }
}

/**
 * Rate limits (`execution.rateLimit`): at most `limit` runs start in any `intervalSeconds`, per
 * instance flow, per customer, or per connection (every run whose credential has the same value
 * shares one budget, whichever instance or flow it runs in). The budgets live in PostgreSQL
 * (store/rate-buckets.ts), so every worker process counts against the same ones.
 *
 * A worker that claims a run of a limited flow asks for its start (one statement). Over budget,
 * the run goes back to `queued` and gets a job that starts at its granted time — it waits in the
 * queue without failing and without anyone polling; at that time its claim finds the grant it
 * holds and it runs. Each run is granted the first free start after the runs before it, so a
 * burst is spread, not woken all at once to compete again.
 */
import { createHmac } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import { withTransaction } from "@/db/transaction";
import type { RateLimit } from "../definition";
import { rateLimitConnectionVar } from "../definition/validate-rate-limits";
import { enqueueInTransaction } from "../queue/enqueue";
import { secretKey } from "../security/secret-box";
import type { RunContext } from "./run-context";
import { grantStart, unclaim } from "./store";

/**
 * Added to the interval between a run and the run `limit` places after it. A run's call to the
 * API comes a few milliseconds after its start, not always the same few: without a margin, one
 * late call and one early call `limit` runs later put `limit + 1` calls into one interval at the
 * API. A run that starts later than its grant by more than this asks again.
 */
export const rateGuardMs = () => Number(process.env.JUNCTION_RATE_LIMIT_GUARD_MS ?? 200);

/** JSON with object keys sorted: the same credential gives the same text */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** the budget a run counts against; a credential is keyed by an HMAC of its value (the secret itself is never stored) */
export function rateBudgetKey(
  rate: RateLimit,
  ctx: Pick<RunContext, "instance" | "customer" | "flowKey" | "definition" | "configVars">,
): string {
  const instanceId = ctx.instance?.id ?? "";
  switch (rate.per) {
    case "flow":
      return `flow:${instanceId}:${ctx.flowKey}`;
    case "customer":
      return `customer:${ctx.customer?.id ?? instanceId}`;
    case "connection": {
      const name = rateLimitConnectionVar(ctx.definition, rate.configVar);
      const value = name === undefined ? undefined : ctx.configVars[name];
      // no credential entered: nothing shared with anyone, so the instance's own budget for it
      if (value === undefined || value === null || value === "") return `connection:${instanceId}:${name ?? ""}`;
      return `connection:${createHmac("sha256", secretKey()).update(canonical(value)).digest("base64url")}`;
    }
  }
}

/**
 * Whether a just-claimed run may start now under its flow's rate limit. If not, the claim is
 * undone and the run waits, queued, with a job that starts when its grant comes (none is added
 * when it already has one: it was woken early by a concurrency dispatch or the sweeper).
 */
export async function admitByRate(deps: { pool: pg.Pool; boss: PgBoss }, ctx: RunContext, rate: RateLimit): Promise<boolean> {
  const { fence } = ctx;
  const grant = await grantStart(deps.pool, {
    key: rateBudgetKey(rate, ctx),
    holder: `${fence.executionId}:${fence.attempt}`,
    limit: rate.limit,
    intervalMs: rate.intervalSeconds * 1000,
    guardMs: rateGuardMs(),
  });
  if (grant.at <= grant.now) return true;
  await withTransaction(deps.pool, async (client) => {
    await unclaim(client, fence.executionId, fence.attempt, fence.workerId);
    if (!grant.reused) await enqueueInTransaction(deps.boss, client, [{ executionId: fence.executionId, startAfter: new Date(grant.at) }]);
  });
  return false;
}

/** Which of a monitor's conditions a finished run meets — pure, so each rule is easy to test. */
import { LOG_LEVELS, type Condition, type ConditionKind } from "./monitor-schema";

export interface RunFacts {
  status: string;
  /** the execution's attempt counter (already the next attempt when a retry is pending) */
  attempt: number;
  durationMs: number | null;
  worstLogLevel: string | null;
}

export function matchConditions(conditions: Condition[], run: RunFacts): { kind: ConditionKind; reason: string }[] {
  const matched: { kind: ConditionKind; reason: string }[] = [];
  const worst = run.worstLogLevel ? LOG_LEVELS.indexOf(run.worstLogLevel as (typeof LOG_LEVELS)[number]) : -1;
  for (const c of conditions) {
    switch (c.kind) {
      case "executionFailed":
        if (run.status === "failed") matched.push({ kind: c.kind, reason: "failed" });
        break;
      case "retryPending":
        if (run.status === "retry_pending") matched.push({ kind: c.kind, reason: `attempt ${run.attempt - 1} failed, a retry is pending` });
        break;
      case "retriesExhausted":
        if (run.status === "failed" && run.attempt > 1) matched.push({ kind: c.kind, reason: `failed after ${run.attempt} attempts` });
        break;
      case "durationOver":
        if (run.durationMs !== null && run.durationMs >= c.seconds * 1000)
          matched.push({ kind: c.kind, reason: `ran ${(run.durationMs / 1000).toFixed(1)} s (limit ${c.seconds} s)` });
        break;
      case "logLevel":
        if (worst >= 0 && worst >= LOG_LEVELS.indexOf(c.level))
          matched.push({ kind: c.kind, reason: `logged at level ${run.worstLogLevel}` });
        break;
      // overdue, instanceDisabled and connectionNeedsReauthorization are not about one run: the leader checks them on its own
    }
  }
  return matched;
}

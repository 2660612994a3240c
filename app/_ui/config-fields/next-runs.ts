import { Cron } from "croner";
import { cronProblem } from "@/runtime/config/config-values";

/** The next `n` times a cron schedule fires, or its problem (from the shared cron check). */
export function nextRuns(cron: string, timezone: string | undefined, n = 5): { runs: Date[]; problem: string | null } {
  const problem = cronProblem(cron, timezone || undefined);
  if (problem) return { runs: [], problem };
  return { runs: new Cron(cron, { timezone: timezone || undefined, paused: true }).nextRuns(n), problem: null };
}

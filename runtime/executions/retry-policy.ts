import type { Definition } from "../definition";
import { flowKey } from "../definition";

/** The length of a "minute" for retry delays and schedules; tests shorten it. */
export const minuteMs = () => Number(process.env.JUNCTION_MINUTE_MS ?? 60_000);

const DAY_MS = 24 * 60 * 60_000;

export function flowOf(definition: Definition, key: string) {
  return definition.flows.find((f) => flowKey(f.name) === key) ?? null;
}

/** Further attempts a failed asynchronous run of this flow gets (0 when retries are off). */
export function furtherAttempts(definition: Definition, key: string): number {
  return flowOf(definition, key)?.execution?.retry?.maxAttempts ?? 0;
}

/** Whether a run of this flow interrupted by its worker's death runs again (`execution.rerunAfterCrash`, default true). */
export function rerunsAfterCrash(definition: Definition, key: string): boolean {
  return flowOf(definition, key)?.execution?.rerunAfterCrash !== false;
}

/** how many times at most a run is run again after its worker died (JUNCTION_CRASH_RERUNS) */
export const crashRerunLimit = () => Number(process.env.JUNCTION_CRASH_RERUNS ?? 2);

/**
 * The wait before attempt `next` (2 for the first retry): `minutesBetween`, doubled per attempt
 * with exponential backoff, never more than 24 hours.
 */
export function retryDelayMs(definition: Definition, key: string, next: number): number {
  const retry = flowOf(definition, key)?.execution?.retry;
  if (!retry) return 0;
  const factor = retry.exponentialBackoff ? 2 ** (next - 2) : 1;
  return Math.min(retry.minutesBetween * factor * minuteMs(), DAY_MS * (minuteMs() / 60_000));
}

/** Turns what a failing action threw into a step error: its message and only its own stack frames. */
import { fileURLToPath } from "node:url";
import type { StepErrorInfo } from "./types";

const EXECUTOR_URL = new URL(".", import.meta.url).href;
const EXECUTOR_PATH = fileURLToPath(EXECUTOR_URL);
/** The modules an action's call passes through on its way from executeFlow. */
const CALL_PATH_MODULES = /(?:execute-flow|handlers\/[\w-]+)\.[cm]?[jt]s:/;

/** Frames of the executor itself and of Node's internals say nothing about the action. */
function isHostFrame(line: string): boolean {
  const inExecutor = line.includes(EXECUTOR_PATH) || line.includes(EXECUTOR_URL);
  return (inExecutor && CALL_PATH_MODULES.test(line)) || line.includes("node:internal") || line.includes("(native)");
}

function actionStack(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  return stack
    .split("\n")
    .filter((line) => !/^\s+at /.test(line) || !isHostFrame(line))
    .join("\n");
}

export function toStepError(thrown: unknown, redact: (text: string) => string): StepErrorInfo {
  if (thrown instanceof Error) {
    const stack = actionStack(thrown.stack);
    return { message: redact(thrown.message), ...(stack ? { stack: redact(stack) } : {}) };
  }
  const message = typeof thrown === "object" && thrown !== null && "message" in thrown ? String(thrown.message) : String(thrown);
  return { message: redact(message) };
}

/** the longest a step waits on a Retry-After: its wait holds a worker slot (JUNCTION_MAX_RETRY_AFTER_S, default 300) */
export const maxRetryAfterMs = () => Number(process.env.JUNCTION_MAX_RETRY_AFTER_S ?? 300) * 1000;

/**
 * The wait before a step's next attempt (`onError: retry`): its `delayMs`, unless the action
 * failed on an HTTP 429 whose answer said when to come back — an error message starting
 * "HTTP 429" and carrying "(Retry-After: <seconds or HTTP date>)", as the HTTP component's do.
 * Then that long, at most maxRetryAfterMs().
 */
export function retryWaitMs(error: StepErrorInfo, delayMs: number, now = Date.now()): number {
  if (!error.message.startsWith("HTTP 429")) return delayMs;
  const value = /\(Retry-After: ([^)]+)\)/i.exec(error.message)?.[1]?.trim();
  if (!value) return delayMs;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (Number.isNaN(ms)) return delayMs;
  return Math.min(Math.max(0, ms), maxRetryAfterMs());
}

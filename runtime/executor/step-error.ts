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

/** `console` and `context.logger` both write lines to the host's logger for the step. */
import { sendToHost } from "./host-bridge";

type Level = "debug" | "info" | "warn" | "error";

const MAX_LINE = 16 * 1024;

export function formatArgs(args: unknown[]): string {
  const line = args.map(formatOne).join(" ");
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
}

function formatOne(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  if (v === undefined || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function makeLogger() {
  const at =
    (level: Level) =>
    (...args: unknown[]): void =>
      sendToHost("log", { level, message: formatArgs(args) });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export function makeConsole() {
  const logger = makeLogger();
  return { ...logger, log: logger.info, trace: logger.debug };
}

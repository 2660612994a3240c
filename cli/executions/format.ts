/**
 * Executions as text: `--since 1h` parsing, log lines (`time level [step] message`), step lines
 * and the readable form of `executions:get`. Pure functions, unit-tested without a server.
 */
import { CliError } from "../errors";
import { cellText, renderTable, type Column, type Row } from "../output/format";

/** Every status an execution can have (checked against the server's input type in the command file). */
export const EXECUTION_STATUSES = ["queued", "running", "succeeded", "failed", "canceled", "retry_pending"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** A run in one of these will not change again (`retry_pending` will: it runs again). */
export const isFinished = (status: string) => status === "succeeded" || status === "failed" || status === "canceled";

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`/`--until`: a span back from `now` (`30s`, `30m`, `1h`, `2d`, `1w`) or an ISO date
 * (`2025-01-31`, `2025-01-31T12:00:00Z`); the ISO string the server takes.
 */
export function parseTimeArg(text: string, option = "--since", now: Date = new Date()): string {
  const trimmed = text.trim();
  const span = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(trimmed);
  if (span) return new Date(now.getTime() - Number(span[1]) * UNITS[span[2]!.toLowerCase()]!).toISOString();
  // a bare date or a full timestamp; anything Date.parse reads loosely ("1", "May") is refused
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  throw new CliError(`${option} "${text}": give a span back from now (30m, 1h, 2d, 1w) or an ISO date (2025-01-31T12:00:00Z)`);
}

const iso = (value: unknown) => (value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value));

export interface LogLine {
  id: number;
  stepKey: string | null;
  level: string;
  message: string;
  createdAt: unknown;
}

/** `2025-01-31T12:00:00.123Z info  [acknowledge] order received` (no brackets for run-level lines). */
export function formatLogLine(log: LogLine): string {
  const step = log.stepKey ? `[${log.stepKey}] ` : "";
  return `${iso(log.createdAt)} ${log.level.padEnd(5)} ${step}${log.message}`;
}

export interface StepLine {
  stepKey: string;
  iteration?: number[] | null;
  status: string;
  durationMs?: number | null;
  startedAt?: unknown;
  error?: unknown;
}

/** A step's name with its loop iteration: `postInvoice[2]`, `inner[1,0]`. */
export const stepName = (s: StepLine) => (s.iteration?.length ? `${s.stepKey}[${s.iteration.join(",")}]` : s.stepKey);

export const errorMessage = (error: unknown): string => {
  if (error === null || error === undefined) return "";
  if (typeof error === "string") return error;
  if (typeof error === "object" && typeof (error as { message?: unknown }).message === "string")
    return (error as { message: string }).message;
  return cellText(error);
};

/** `2025-01-31T12:00:00.123Z step  acknowledge succeeded 12 ms` (and the error when it failed). */
export function formatStepLine(step: StepLine): string {
  const error = errorMessage(step.error);
  return `${iso(step.startedAt)} step  ${stepName(step)} ${step.status}${step.durationMs === null || step.durationMs === undefined ? "" : ` ${step.durationMs} ms`}${error ? `: ${error}` : ""}`;
}

export interface ExecutionSummary {
  id: string;
  status: string;
  source: string;
  isTest: boolean;
  flow: string;
  instanceId: string | null;
  integrationId: string | null;
  customerId: string | null;
  attempt: number;
  maxAttempts: number;
  queuedAt: unknown;
  startedAt: unknown;
  finishedAt: unknown;
  nextAttemptAt?: unknown;
  durationMs: number | null;
  error: { message: string; stepKey?: string } | null;
  replayOf: string | null;
}

export interface ExecutionDetail {
  steps: Array<StepLine & { resultSize?: number; result?: unknown }>;
  logs: LogLine[];
}

const STEP_COLUMNS: Column[] = [
  { key: "step", get: (r) => stepName(r as unknown as StepLine) },
  { key: "status" },
  { key: "attempt" },
  { key: "durationMs", header: "MS" },
  { key: "resultSize", header: "BYTES" },
  { key: "error", get: (r) => errorMessage(r.error) },
];

/** The readable form of `executions:get`: a summary, a table of steps, the log lines. */
export function renderExecutionText(summary: ExecutionSummary, detail: ExecutionDetail): string {
  const finished = iso(summary.finishedAt);
  const fields: Array<[string, string]> = [
    [
      "status",
      `${summary.status}${summary.maxAttempts > 1 || summary.attempt > 1 ? ` (attempt ${summary.attempt} of ${summary.maxAttempts})` : ""}`,
    ],
    ["flow", summary.flow],
    ["source", `${summary.source}${summary.isTest ? " (test run)" : ""}`],
    ["instance", summary.instanceId ?? ""],
    ["integration", summary.integrationId ?? ""],
    ["customer", summary.customerId ?? ""],
    ["queued", iso(summary.queuedAt)],
    ["started", iso(summary.startedAt)],
    ["finished", finished ? `${finished}${summary.durationMs === null ? "" : ` (${summary.durationMs} ms)`}` : ""],
    ["next attempt", iso(summary.nextAttemptAt)],
    ["replay of", summary.replayOf ?? ""],
    ["error", summary.error ? `${summary.error.message}${summary.error.stepKey ? ` (step ${summary.error.stepKey})` : ""}` : ""],
  ];
  const shown = fields.filter(([, v]) => v !== "");
  const width = Math.max(...shown.map(([k]) => k.length));
  const lines = [`Execution ${summary.id}`, ...shown.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ""];
  lines.push(detail.steps.length ? `Steps (${detail.steps.length}):` : "Steps: none");
  if (detail.steps.length) {
    lines.push(
      ...renderTable(detail.steps as unknown as Row[], STEP_COLUMNS)
        .trimEnd()
        .split("\n")
        .map((l) => `  ${l}`),
    );
  }
  lines.push("");
  lines.push(detail.logs.length ? `Logs (${detail.logs.length}):` : "Logs: none");
  lines.push(...detail.logs.map((l) => `  ${formatLogLine(l)}`));
  return lines.join("\n") + "\n";
}

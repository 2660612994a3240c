/**
 * Executions: runs of flows (webhook calls, schedule ticks, test runs, replays). List them with
 * filters, show one with its steps and logs, print its result as a synchronous webhook would
 * have answered, replay it.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Option } from "commander";
import type { inferRouterInputs } from "@trpc/server";
import type { AppRouter } from "@/app/_server/routers";
import { connect, type Session } from "../api";
import { CliError } from "../errors";
import {
  EXECUTION_STATUSES,
  errorMessage,
  formatLogLine,
  formatStepLine,
  parseTimeArg,
  renderExecutionText,
  type ExecutionStatus,
  type ExecutionSummary,
} from "../executions/format";
import { bulkReplay } from "../executions/bulk-replay";
import { followExecution } from "../executions/follow";
import type { Column, Row } from "../output/format";
import { isStructured, listOptions, printList, printRecord, recordOptions } from "../output/options";
import { positiveInt, requireId } from "./shared";
import type { Topic } from "./topic";

type RecordOutput = { output?: "table" | "json" | "yaml" };
interface ReplayOptions {
  latestVersion?: boolean;
  wait?: boolean;
  logs?: boolean;
  instance?: string;
  integration?: string;
  customer?: string;
  flow?: string;
  status?: ExecutionStatus;
  since?: string;
  until?: string;
  perSecond?: number;
  yes?: boolean;
}
type ListInput = Exclude<inferRouterInputs<AppRouter>["executions"]["list"], void | undefined>;

// the same statuses as the server's: one added there and not here breaks `tsc`
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesAgree: Same<ExecutionStatus, NonNullable<ListInput["status"]>> = true;
void statusesAgree;

const LIST_COLUMNS: Column[] = [
  { key: "id" },
  { key: "status" },
  { key: "flow" },
  { key: "instance" },
  { key: "customer" },
  { key: "queuedAt", header: "QUEUED" },
  { key: "durationMs", header: "MS" },
  { key: "error", get: (r) => errorMessage(r.error), extended: true },
  { key: "source", extended: true },
  { key: "isTest", header: "TEST", extended: true },
  { key: "attempt", extended: true },
  { key: "integration", extended: true },
  { key: "instanceId", header: "INSTANCE ID", extended: true },
  { key: "integrationId", header: "INTEGRATION ID", extended: true },
  { key: "customerId", header: "CUSTOMER ID", extended: true },
  { key: "startedAt", header: "STARTED", extended: true },
  { key: "finishedAt", header: "FINISHED", extended: true },
];

/** The server's page size cap; longer lists are read page by page. */
const PAGE = 500;

async function listExecutions(session: Session, filters: Omit<ListInput, "limit" | "cursor">, limit: number) {
  const rows: Row[] = [];
  let cursor: ListInput["cursor"];
  let more: boolean;
  do {
    const page = await session.call((api) => api.executions.list.query({ ...filters, limit: Math.min(PAGE, limit - rows.length), cursor }));
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    more = Boolean(page.nextCursor);
  } while (cursor && rows.length < limit);
  return { rows, more };
}

/** `executions.result` as the HTTP response it stands for, the body as bytes. */
async function loadResult(session: Session, id: string) {
  const r = await session.call((api) => api.executions.result.query({ id }));
  const bytes = Buffer.from(r.body, r.encoding === "base64" ? "base64" : "utf8");
  return { ...r, bytes };
}

/** Exit code 1 and a line on stderr for a run that failed or was canceled. */
export function reportOutcome(summary: ExecutionSummary): void {
  if (summary.status === "failed" || summary.status === "canceled") {
    const error = summary.error ? `: ${summary.error.message}${summary.error.stepKey ? ` (step ${summary.error.stepKey})` : ""}` : "";
    process.stderr.write(`execution ${summary.id} ${summary.status}${error}\n`);
    process.exitCode = 1;
  }
}

/**
 * The body of a run's result: text to stdout, bytes to `path` (or to stdout when it is not a
 * terminal); `--output json` prints `{ status, headers, body }` (binary bodies in base64, with
 * `encoding`).
 */
export async function printResult(session: Session, id: string, options: { path?: string } & RecordOutput): Promise<void> {
  const result = await loadResult(session, id);
  if (options.path) {
    writeFileSync(options.path, result.bytes);
    if (!isStructured(options))
      process.stderr.write(
        `Wrote ${result.bytes.length} bytes to ${options.path} (HTTP ${result.status}${result.headers["content-type"] ? `, ${result.headers["content-type"]}` : ""})\n`,
      );
  }
  if (isStructured(options)) {
    const { bytes: _bytes, encoding, ...rest } = result;
    return printRecord(encoding === "base64" ? { ...rest, encoding } : rest, options);
  }
  if (options.path) return;
  if (result.encoding === "base64" && process.stdout.isTTY) {
    throw new CliError(
      `the result is binary (${result.headers["content-type"] ?? "no content type"}, ${result.bytes.length} bytes): write it with --path FILE`,
    );
  }
  process.stdout.write(result.bytes);
  if (result.encoding !== "base64" && result.bytes.length > 0 && !result.body.endsWith("\n") && process.stdout.isTTY)
    process.stdout.write("\n");
}

export const executionsTopic: Topic = {
  name: "executions",
  summary: "executions: runs of flows, their steps, logs and results",
  register(program: Command) {
    listOptions(
      program
        .command("executions:list")
        .description("list executions, newest first (--extended adds the error, source, ids and times)")
        .option("--instance <id>", "only this instance's")
        .option("--integration <id>", "only this integration's")
        .option("--customer <id>", "only this customer's")
        .option("--flow <key>", "only this flow's (its key, e.g. receiveOrder)")
        .addOption(new Option("--status <status>", "only runs with this status").choices([...EXECUTION_STATUSES]))
        .option("--since <when>", "queued since: a span back from now (30m, 1h, 2d, 1w) or an ISO date")
        .option("--until <when>", "queued until: a span back from now or an ISO date")
        .option("--test", "only test runs (from the designer or integrations:test)")
        .option("--live", "only runs of instances (no test runs)")
        .option("--limit <n>", "at most this many (50 by default)", positiveInt),
      LIST_COLUMNS,
    ).action(async (options) => {
      if (options.test && options.live) throw new CliError("--test and --live exclude each other");
      const filters: Omit<ListInput, "limit" | "cursor"> = {
        instanceId: options.instance ? requireId(options.instance, "instance") : undefined,
        integrationId: options.integration ? requireId(options.integration, "integration") : undefined,
        customerId: options.customer ? requireId(options.customer, "customer") : undefined,
        flow: options.flow,
        status: options.status,
        isTest: options.test ? true : options.live ? false : undefined,
        since: options.since ? parseTimeArg(options.since, "--since") : undefined,
        until: options.until ? parseTimeArg(options.until, "--until") : undefined,
      };
      const limit: number = options.limit ?? 50;
      const { rows, more } = await listExecutions(connect(), filters, limit);
      printList(rows, LIST_COLUMNS, options);
      if (more && !isStructured(options) && process.stderr.isTTY)
        process.stderr.write(`(the ${limit} newest; more with --limit or --since/--until)\n`);
    });

    recordOptions(
      program
        .command("executions:get")
        .description(
          "one execution: status, timing, error, each step and the log lines (--output json: everything, with step inputs and results)",
        )
        .argument("<id>"),
    ).action(async (id: string, options: RecordOutput) => {
      const executionId = requireId(id, "execution");
      const session = connect();
      const summary = await session.call((api) => api.executions.get.query({ id: executionId }));
      const detail = await session.call((api) => api.executions.detail.query({ id: executionId }));
      if (isStructured(options)) {
        const { steps: _summarySteps, ...rest } = summary;
        return printRecord(
          {
            ...rest,
            trigger: detail.trigger,
            result: detail.result,
            resultMeta: detail.resultMeta,
            steps: detail.steps,
            logs: detail.logs,
          },
          options,
        );
      }
      process.stdout.write(
        renderExecutionText(summary as unknown as ExecutionSummary, detail as unknown as Parameters<typeof renderExecutionText>[1]),
      );
    });

    recordOptions(
      program
        .command("executions:result")
        .description("the body a synchronous webhook call would have answered (--output json: { status, headers, body })")
        .argument("<id>")
        .option("--path <file>", "write the body to this file (needed for binary bodies on a terminal)")
        .option("--wait", "wait until the run has finished first; exit code 1 if it failed"),
    ).action(async (id: string, options: { path?: string; wait?: boolean } & RecordOutput) => {
      const executionId = requireId(id, "execution");
      const session = connect();
      if (options.wait) {
        const summary = await followExecution(session, executionId);
        reportOutcome(summary);
      }
      await printResult(session, executionId, options);
    });

    recordOptions(
      program
        .command("executions:replay")
        .description(
          "run an execution's trigger again as a new execution (prints the new id); without an id, replay every run the filters select as a background job (asks first, then follows its progress)",
        )
        .argument("[id]")
        .option("--latest-version", "on the instance's current version (the version it ran on by default)")
        .option("--wait", "wait until the replay has finished; exit code 1 if it failed")
        .option("--logs", "with --wait: print its log lines as they come (to stderr)")
        .option("--instance <id>", "bulk: only this instance's runs")
        .option("--integration <id>", "bulk: only this integration's")
        .option("--customer <id>", "bulk: only this customer's")
        .option("--flow <key>", "bulk: only this flow's (its key or name)")
        .addOption(new Option("--status <status>", "bulk: only runs with this status (e.g. failed)").choices([...EXECUTION_STATUSES]))
        .option("--since <when>", "bulk: queued since: a span back from now (30m, 1h, 2d, 1w) or an ISO date")
        .option("--until <when>", "bulk: queued until (now by default)")
        .option("--per-second <n>", "bulk: at most this many new runs a second (the server's default otherwise)", positiveInt)
        .option("-y, --yes", "bulk: replay without asking"),
    ).action(async (id: string | undefined, options: ReplayOptions & RecordOutput) => {
      const bulk = [options.instance, options.integration, options.customer, options.flow, options.status, options.since, options.until];
      if (!id) {
        if (!bulk.some(Boolean))
          throw new CliError("give an execution id, or filters (--instance, --flow, --status, --since…) to replay every run they select");
        const done = await bulkReplay(
          connect(),
          {
            instanceId: options.instance ? requireId(options.instance, "instance") : undefined,
            integrationId: options.integration ? requireId(options.integration, "integration") : undefined,
            customerId: options.customer ? requireId(options.customer, "customer") : undefined,
            flow: options.flow,
            status: options.status,
            since: options.since ? parseTimeArg(options.since, "--since") : undefined,
            until: options.until ? parseTimeArg(options.until, "--until") : undefined,
          },
          options,
        );
        if (isStructured(options)) printRecord(done, options);
        else process.stdout.write(`${done.id}\n`);
        if (done.failed > 0 || done.status === "canceled") process.exitCode = 1;
        return;
      }
      if (bulk.some(Boolean)) throw new CliError("give an execution id or filters, not both");
      const executionId = requireId(id, "execution");
      const session = connect();
      const replay = await session.call((api) => api.executions.replay.mutate({ id: executionId, latestVersion: options.latestVersion }));
      if (!options.wait) return printRecord(replay, options, replay.id);
      // the id first, so a script (or a person) has it while the run goes on
      if (!isStructured(options)) process.stdout.write(`${replay.id}\n`);
      const handlers = options.logs
        ? { onLog: (l: Parameters<typeof formatLogLine>[0]) => process.stderr.write(`${formatLogLine(l)}\n`) }
        : {};
      const summary = await followExecution(session, replay.id, handlers);
      if (isStructured(options))
        printRecord({ ...replay, status: summary.status, durationMs: summary.durationMs, error: summary.error }, options);
      reportOutcome(summary);
    });
  },
};

/** Step lines with a short view of their result, for `integrations:test --tail`. */
export function stepWithResult(step: Parameters<typeof formatStepLine>[0] & { result?: unknown }): string {
  const line = formatStepLine(step);
  if (step.result === undefined || step.result === null) return line;
  const text = JSON.stringify(step.result);
  return `${line} → ${text.length > 200 ? `${text.slice(0, 199)}…` : text}`;
}

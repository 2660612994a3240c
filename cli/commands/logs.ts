/**
 * `logs:tail`: the log lines of an instance's runs as they happen (until Ctrl-C), or of one
 * execution until it finishes. Lines are `time level [step] message`; `--output json` prints one
 * JSON object per line with the execution's id, for tools.
 */
import { Option, type Command } from "commander";
import { connect } from "../api";
import { CliError } from "../errors";
import { formatLogLine, parseTimeArg, type LogLine } from "../executions/format";
import { followExecution, tailInstance } from "../executions/follow";
import { positiveInt, requireId } from "./shared";
import { reportOutcome } from "./executions";
import type { Topic } from "./topic";

interface TailOptions {
  instance?: string;
  execution?: string;
  since?: string;
  interval: number;
  output: "text" | "json";
}

export const logsTopic: Topic = {
  name: "logs",
  summary: "log lines of runs, as they happen",
  register(program: Command) {
    program
      .command("logs:tail")
      .description("print new log lines of an instance's runs until Ctrl-C (or of one --execution until it finishes; exit 1 if it failed)")
      .option("--instance <id>", "every run of this instance from now on")
      .option("--execution <id>", "this run only, from its first line; stops when it has finished")
      .option("--since <when>", "with --instance: runs queued since then too (30m, 1h, 2d or an ISO date)")
      .option("--interval <ms>", "how often to ask the server", positiveInt, 1000)
      .addOption(new Option("-o, --output <format>", "text lines, or one JSON object per line").choices(["text", "json"]).default("text"))
      .action(async (options: TailOptions) => {
        if (Boolean(options.instance) === Boolean(options.execution))
          throw new CliError("give --instance ID or --execution ID (one of them)");
        const session = connect();
        const onLog = (log: LogLine, executionId: string) =>
          process.stdout.write(options.output === "json" ? `${JSON.stringify({ executionId, ...log })}\n` : `${formatLogLine(log)}\n`);
        if (options.execution) {
          const id = requireId(options.execution, "execution");
          const summary = await followExecution(session, id, { onLog }, { intervalMs: options.interval });
          return reportOutcome(summary);
        }
        const instanceId = requireId(options.instance!, "instance");
        // fail now on an unknown instance, not silently tail nothing
        await session.call((api) => api.instances.get.query({ id: instanceId }));
        const since = options.since ? parseTimeArg(options.since, "--since") : undefined;
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        // said once every run from now on will be caught (scripts wait for this line on stderr)
        const onReady = () => process.stderr.write(`Tailing instance ${instanceId} (Ctrl-C to stop)\n`);
        await tailInstance(session, instanceId, { onLog }, { since, intervalMs: options.interval, signal: stop.signal, onReady });
      });
  },
};

/**
 * The CLI's entry: parse, run one command, and report failures as one line each (a stack trace
 * only with `--debug`), exit code 1. `bin/junction.mjs` loads this through tsx.
 */
import { CommanderError } from "commander";
import { CliError } from "./errors";
import { OutputError } from "./output/format";
import { createProgram, joinTopicWords } from "./program";

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  // read --debug wherever it is: failures while parsing must honour it too
  const debug = argv.includes("--debug") || process.env.JUNCTION_DEBUG === "1";
  const program = createProgram();
  program.exitOverride();
  const args = joinTopicWords(
    argv.filter((a) => a !== "--debug"),
    program.commands.map((c) => c.name()),
  );
  try {
    await program.parseAsync(args, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed help, the version or its own error message already
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help"
        ? 0
        : err.exitCode || 1;
    }
    if (debug) console.error(err instanceof CliError && err.cause ? err.cause : err);
    else if (err instanceof CliError || err instanceof OutputError) console.error(`error: ${err.message}`);
    else console.error(`error: ${err instanceof Error ? err.message : String(err)} (run with --debug for details)`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

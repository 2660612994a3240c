/**
 * The commander program: every topic's `topic:verb` commands, a hidden command per topic that
 * lists its verbs (`junction instances`), and the argv rewrite that lets `junction instances
 * list` mean `junction instances:list`.
 */
import { Command } from "commander";
import { TOPICS } from "./commands/index";
import type { Topic } from "./commands/topic";

export const VERSION = "0.1.0";

export function createProgram(topics: Topic[] = TOPICS): Command {
  const program = new Command("junction")
    .description("Junction: integrations, customers and instances from the command line")
    .version(VERSION, "-V, --version", "print the CLI's version")
    .option("--debug", "print stack traces on errors")
    // options after a command belong to it: `integrations:export --version 2` is not the CLI's version
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .helpCommand("help [command]", "help for a command");

  for (const topic of topics) topic.register(program);

  // `junction integrations` lists the integrations commands; hidden, so the main help lists only real commands
  const commandNames = program.commands.map((c) => c.name());
  const topicNames = [...new Set(commandNames.filter((n) => n.includes(":")).map((n) => n.split(":")[0]!))];
  for (const name of topicNames) {
    program
      .command(name, { hidden: true })
      .description(`the ${name}:* commands`)
      .action(() => {
        const lines = program.commands
          .filter((c) => c.name().startsWith(`${name}:`))
          .map((c) => `  ${c.name().padEnd(28)} ${c.description()}`);
        process.stdout.write(`Commands of ${name} (junction <command> --help for each):\n${lines.join("\n")}\n`);
      });
  }
  return program;
}

/**
 * `instances list --extended` → `instances:list --extended`; `customers users create` →
 * `customers:users:create`. The longest run of leading words that names a command wins; options
 * before the command (`--debug`) are skipped over. Anything else is left for commander.
 */
export function joinTopicWords(args: string[], commandNames: Iterable<string>): string[] {
  const names = new Set(commandNames);
  const start = args.findIndex((a) => !a.startsWith("-"));
  if (start < 0) return args;
  for (let n = 3; n >= 2; n--) {
    const words = args.slice(start, start + n);
    if (words.length < n || words.some((w) => w.startsWith("-"))) continue;
    const joined = words.join(":");
    if (names.has(joined)) return [...args.slice(0, start), joined, ...args.slice(start + n)];
  }
  return args;
}

/**
 * Passwords never come from the command line (shell history, `ps` for every user of the machine):
 * a hidden prompt in a terminal, or `--password-stdin` for scripts.
 */
import { Option, type Command } from "commander";
import { CliError } from "./errors";
import { ask, canPrompt } from "./prompt";

export interface PasswordOptions {
  password?: string;
  passwordStdin?: boolean;
}

/** `--password-stdin`, plus a hidden `--password` that explains why it is refused */
export const withPasswordOptions = (command: Command, what: string) =>
  command
    .addOption(new Option("--password-stdin", `read ${what} from standard input (asked, hidden, in a terminal when omitted)`))
    .addOption(new Option("--password <password>").hideHelp());

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export async function readPassword(options: PasswordOptions, question = "Password"): Promise<string> {
  if (options.password !== undefined) {
    throw new CliError(
      "--password is not accepted: a password on the command line stays in shell history and is visible in the process list. Use --password-stdin (e.g. `junction login --password-stdin < file`) or answer the prompt",
    );
  }
  const password = options.passwordStdin ? await readStdin() : canPrompt() ? await ask(question, { hidden: true }) : "";
  if (!password) {
    throw new CliError(
      options.passwordStdin
        ? "--password-stdin: standard input was empty"
        : "a password is needed: run in a terminal to be asked, or pass --password-stdin",
    );
  }
  return password;
}

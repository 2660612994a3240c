/**
 * The commander side of output: the same flags on every list (`--output`, `--columns`,
 * `--extended`, `--filter`, `--sort`, `--no-header`) and on every command that shows one record
 * (`--output`), and the functions that print through them.
 */
import { Option, type Command } from "commander";
import { formatList, formatRecord, OUTPUT_FORMATS, type Column, type ListOptions, type OutputFormat, type Row } from "./format";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function outputOption(formats: readonly string[] = OUTPUT_FORMATS) {
  return new Option("-o, --output <format>", "output format").choices([...formats]).default("table");
}

/** Adds the list flags; `columns` is listed in the help so users know what they can pick. */
export function listOptions(command: Command, columns: Column[]): Command {
  const names = columns.map((c) => (c.extended ? `${c.key}*` : c.key)).join(", ");
  return command
    .addOption(outputOption())
    .option("--columns <keys>", `comma-separated columns to show (${names}; * = with --extended)`)
    .option("-x, --extended", "show more columns")
    .option("--filter <column=regex>", "keep rows whose column matches the regex, case-insensitive (repeatable; != to exclude)", collect)
    .option("--sort <keys>", "sort by these columns (comma-separated; prefix - for descending)")
    .option("--no-header", "leave out the header line (table, csv)");
}

/** `--output` for commands that create or show one thing (csv makes little sense there but is harmless). */
export function recordOptions(command: Command): Command {
  return command.addOption(outputOption(["table", "json", "yaml"]));
}

export function printList(rows: Row[], columns: Column[], options: ListOptions): void {
  process.stdout.write(formatList(rows, columns, options));
}

export function printRecord(record: Row, options: { output?: OutputFormat }, human?: string): void {
  process.stdout.write(formatRecord(record, options.output, human));
}

/** Whether the user asked for machine-readable output (then human notes go to stderr, or nowhere). */
export const isStructured = (options: { output?: string }) => options.output !== undefined && options.output !== "table";

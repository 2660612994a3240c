/** Small helpers the topic files share: ids, files, confirmations, numbers. */
import { readFileSync } from "node:fs";
import { InvalidArgumentError } from "commander";
import { CliError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs; anything else cannot name a row, so it is "not found" here rather than the
 * server's "id: Invalid UUID", which reads like a bug.
 */
export function requireId(id: string, what: string): string {
  const trimmed = id.trim();
  if (!UUID.test(trimmed))
    throw new CliError(`${what} not found: "${id}" is not an id (ids look like 0f8e4c1a-…; see \`junction ${what}s:list\`)`);
  return trimmed;
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `${path}: no such file` : `cannot read ${path}: ${(err as Error).message}`);
  }
}

/** commander parser for `--version 3`-style options. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number from 1 up");
  return n;
}

/** Repeatable options (`--config a=1 --config b=2`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Refuses a destructive command without `--yes`: says what would go, and exits 1. */
export function refuseWithoutYes(lines: string[], command: string): never {
  throw new CliError([...lines, `nothing was deleted: run \`${command} --yes\` to delete`].join("\n"));
}

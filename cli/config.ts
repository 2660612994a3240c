/**
 * Where the CLI keeps its sign-in: `$XDG_CONFIG_HOME/junction/config.json` (or
 * `~/.config/junction/config.json`), readable by the user only, since it holds an API token.
 * `JUNCTION_URL` and `JUNCTION_TOKEN` override what is stored, so CI needs no file at all.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { CliError } from "./errors";

export const storedConfigSchema = z.object({
  url: z.string().url(),
  token: z.string().min(1),
  /** kept so `junction logout` can revoke the token on the server */
  tokenId: z.string().optional(),
  email: z.string().optional(),
});
export type StoredConfig = z.infer<typeof storedConfigSchema>;

type Env = Record<string, string | undefined>;

export function configPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "junction", "config.json");
}

/** The stored config, or undefined when there is none; a damaged file is an error that says where it is. */
export function readConfig(env: Env = process.env): StoredConfig | undefined {
  const path = configPath(env);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON: run \`junction login\` again (or delete the file)`);
  }
  const result = storedConfigSchema.safeParse(parsed);
  if (!result.success) throw new CliError(`${path} is not a Junction CLI config: run \`junction login\` again (or delete the file)`);
  return result.data;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a token; mode 0600. */
export function writeConfig(config: StoredConfig, env: Env = process.env): string {
  const path = configPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  chmodSync(temp, 0o600); // the umask may have loosened the mode given to writeFileSync
  renameSync(temp, path);
  return path;
}

/** Deletes the stored config; true when there was one. */
export function removeConfig(env: Env = process.env): boolean {
  const path = configPath(env);
  try {
    rmSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

export const DEFAULT_URL = "http://localhost:3000";

export const normalizeUrl = (url: string) => url.trim().replace(/\/+$/, "");

export interface Connection {
  url: string;
  token: string | undefined;
  /** where the token came from, for error messages */
  source: "env" | "config" | "none";
}

/**
 * The server and token to use: environment first, then the stored config, else localhost without
 * a token. A stored token is only sent to the server it was made for: pointing JUNCTION_URL at
 * another server must not hand that server our token.
 */
export function resolveConnection(env: Env = process.env): Connection {
  const stored = readConfig(env);
  const url = normalizeUrl(env.JUNCTION_URL || stored?.url || DEFAULT_URL);
  if (env.JUNCTION_TOKEN?.trim()) return { url, token: env.JUNCTION_TOKEN.trim(), source: "env" };
  if (stored && normalizeUrl(stored.url) === url) return { url, token: stored.token, source: "config" };
  return { url, token: undefined, source: "none" };
}

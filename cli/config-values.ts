/**
 * `--config key=value` and `--config-file` for instances. A value is JSON when it parses as JSON
 * (objects for credentials and schedules, `true`/`false`), else a string — but when the
 * integration version's variables are known, their type decides: text-like variables keep the
 * text as typed (`--config zip=02134` stays a string), a schedule takes a bare cron string
 * (`--config sync="*\/5 * * * *"` → `{ cron }`) or words (`every 1 week on monday at 09:00
 * Europe/Berlin`, cli/schedule-phrase.ts), and an apiKey credential a bare key (`{ key }`).
 * The server validates the result with the same rules as the wizard.
 */
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { CliError } from "./errors";
import { parseSchedulePhrase } from "./schedule-phrase";

/** What the CLI needs to know about a config variable (a subset of the definition's ConfigVar). */
export interface ConfigVarInfo {
  key: string;
  type: string;
  credentialType?: string;
}

const TEXT_TYPES = new Set(["string", "code", "date", "timestamp", "picklist"]);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** "every 1 week on monday at 09:00 Europe/Berlin" in words, else a cron string */
const scheduleOf = (text: string) => parseSchedulePhrase(text) ?? { cron: text.trim() };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One `--config` value as typed on the command line, turned into the value the API takes. */
export function coerceValue(raw: string, info?: ConfigVarInfo): unknown {
  if (info && TEXT_TYPES.has(info.type)) return raw;
  const json = parseJson(raw);
  if (info?.type === "boolean") {
    const lower = raw.trim().toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : raw;
  }
  if (info?.type === "schedule") return json.ok && isObject(json.value) ? json.value : scheduleOf(raw);
  if (info?.type === "credential" && info.credentialType === "apiKey" && !(json.ok && isObject(json.value))) return { key: raw };
  return json.ok ? json.value : raw;
}

/** A value read from `--config-file` is already typed; only the string shorthands are expanded. */
export function coerceFileValue(value: unknown, info?: ConfigVarInfo): unknown {
  if (typeof value !== "string" || !info) return value;
  if (info.type === "schedule") return scheduleOf(value);
  if (info.type === "credential" && info.credentialType === "apiKey") return { key: value };
  return value;
}

/** `["shopUrl=https://x", "enabled=true"]` → `{ shopUrl: "https://x", enabled: true }`; later pairs win. */
export function parseConfigPairs(pairs: string[], vars: ConfigVarInfo[] = []): Record<string, unknown> {
  const byKey = new Map(vars.map((v) => [v.key, v]));
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = at < 0 ? "" : pair.slice(0, at).trim();
    if (!key) throw new CliError(`--config "${pair}": write it as key=value (e.g. --config shopUrl=https://shop.example.com)`);
    values[key] = coerceValue(pair.slice(at + 1), byKey.get(key));
  }
  return values;
}

/** A JSON or YAML file holding one object of config values. */
export function parseConfigFile(path: string, text: string, vars: ConfigVarInfo[] = []): Record<string, unknown> {
  const ext = extname(path).toLowerCase();
  let parsed: unknown;
  try {
    parsed = ext === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new CliError(`${path}: not valid ${ext === ".json" ? "JSON" : "YAML"}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isObject(parsed))
    throw new CliError(
      `${path}: expected an object of config values (key: value), not ${Array.isArray(parsed) ? "a list" : typeof parsed}`,
    );
  const byKey = new Map(vars.map((v) => [v.key, v]));
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, coerceFileValue(v, byKey.get(k))]));
}

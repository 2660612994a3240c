/**
 * How values are kept in jsonb columns: binary data as a summary (type and size — the bytes
 * themselves live in bytea columns where they matter), and anything over the size limit as a
 * truncated preview with its full size, so one huge result never bloats the tables.
 */
export const STORED_JSON_LIMIT = Number(process.env.JUNCTION_MAX_STORED_RESULT_KB ?? 256) * 1024;

export interface BinarySummary {
  $binary: { size: number; contentType?: string };
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $binary: { size: value.byteLength } } satisfies BinarySummary;
  if (value instanceof ArrayBuffer) return { $binary: { size: value.byteLength } } satisfies BinarySummary;
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * jsonb refuses NUL and unpaired surrogates, which a run's data may hold (a file's text, an API's
 * answer): they are kept as U+2400 (␀) and U+FFFD. JSON.stringify escapes exactly these (a
 * well-formed pair is written as is), so an escape not itself escaped is one of them.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;
export function jsonbSafe(json: string): string {
  if (!json.includes("\\u")) return json;
  return json.replace(UNSTORABLE_ESCAPE, (_m, slashes: string, code: string) => `${slashes}${code === "0000" ? "\u2400" : "\ufffd"}`);
}

/** the same for a text column (log lines), which refuses NUL */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const textSafe = (text: string) =>
  // eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL's text refuses
  /[\u0000\ud800-\udfff]/.test(text) ? text.replace(/\u0000/g, "\u2400").replace(LONE_SURROGATE, "\ufffd") : text;

/** A value's JSON text as a run answers it: binary data as its summary, bigints as text. */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, replacer) ?? "null";
  } catch (err) {
    return JSON.stringify({ $unserializable: (err as Error).message });
  }
}

/** The copy of a JSON text kept in a jsonb column: itself when jsonb holds it within the limit, else a truncated preview. */
export function displayCopy(json: string, limit = STORED_JSON_LIMIT): string {
  const text = jsonbSafe(json);
  if (text.length <= limit) return text;
  return JSON.stringify({ $truncated: { size: text.length, preview: text.slice(0, Math.min(limit, 4096)) } });
}

/** A JSON text for a jsonb column (never larger than the limit), or null for undefined. */
export function toStoredJson(value: unknown, limit = STORED_JSON_LIMIT): string | null {
  if (value === undefined) return null;
  return displayCopy(jsonText(value), limit);
}

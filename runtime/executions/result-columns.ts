/**
 * How a run's result is stored: a display copy in `result` (jsonb, truncated past
 * JUNCTION_MAX_STORED_RESULT_KB) for the execution page, and the answer a caller gets — a
 * synchronous webhook, the result API — exact, up to the webhook body limit.
 *
 * The answer's bytes go to `result_body` (bytea, where binary results already live) only when
 * the display copy is not the answer: past the display limit, or holding what jsonb cannot keep
 * (NUL, lone surrogates). Every other result is answered from `result`, as before: the common
 * path writes and reads nothing more. A result whose answer would be larger than the webhook body
 * limit fails the run, with the reason.
 */
import type { ActionResult } from "@/components-registry/contract";
import { displayCopy, jsonbSafe, jsonText } from "./stored-json";

/** the largest answer given for a run: the largest body a webhook takes */
export const MAX_ANSWER_BYTES = Number(process.env.JUNCTION_MAX_BODY_MB ?? 25) * 1024 * 1024;

/** what `result_meta` holds */
export interface ResultMeta {
  statusCode?: number;
  headers?: Record<string, string>;
  contentType?: string;
  /** `result_body` is the answer, and `result` holds nothing */
  binary?: boolean;
  /** `result_body` is the answer, and `result` its display copy (a truncated preview when over the display limit) */
  fullBody?: boolean;
  /** the answer's size in bytes, with fullBody */
  size?: number;
}

export interface ResultColumns {
  result: string | null;
  resultBody: Buffer | null;
  meta: string | null;
}

const NONE: ResultColumns = { result: null, resultBody: null, meta: null };

const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, "");
const size = (n: number) =>
  n >= 1024 * 1024 ? `${oneDecimal(n / 1024 / 1024)} MB` : n >= 1024 ? `${oneDecimal(n / 1024)} KB` : `${n} bytes`;

/** why a result cannot be answered: it is larger than the answer limit */
export function answerTooLarge(bytes: number, limit = MAX_ANSWER_BYTES): string {
  return (
    `The flow's result is ${size(bytes)}, more than the ${size(limit)} an answer may be ` +
    `(the webhook body limit, JUNCTION_MAX_BODY_MB): return less data, or store it elsewhere and return where to find it`
  );
}

const columns = (result: string | null, body: Buffer | null, meta: ResultMeta): ResultColumns => ({
  result,
  resultBody: body,
  meta: jsonbSafe(JSON.stringify(meta)),
});

/** The columns of a run's result (none for a run without one), or why it cannot be answered. */
export function resultColumns(result: ActionResult | undefined, maxAnswerBytes = MAX_ANSWER_BYTES): ResultColumns | { problem: string } {
  if (!result) return NONE;
  const { data } = result;
  const meta: ResultMeta = { statusCode: result.statusCode, headers: result.headers, contentType: result.contentType };
  if (data instanceof Uint8Array) {
    const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (body.length > maxAnswerBytes) return { problem: answerTooLarge(body.length, maxAnswerBytes) };
    return columns(null, body, { ...meta, binary: true });
  }
  if (data === undefined) return columns(null, null, { ...meta, binary: false });

  const json = jsonText(data);
  const shown = displayCopy(json);
  // a text with a content type is answered as itself; anything else as its JSON
  const answer = typeof data === "string" && result.contentType ? data : json;
  if (shown === json) {
    // the display copy is the answer; at most 3 bytes a character, so only a small limit needs the count
    if (json.length * 3 > maxAnswerBytes && Buffer.byteLength(answer) > maxAnswerBytes)
      return { problem: answerTooLarge(Buffer.byteLength(answer), maxAnswerBytes) };
    return columns(shown, null, { ...meta, binary: false });
  }
  const body = Buffer.from(answer);
  if (body.length > maxAnswerBytes) return { problem: answerTooLarge(body.length, maxAnswerBytes) };
  return columns(shown, body, { ...meta, binary: false, fullBody: true, size: body.length });
}

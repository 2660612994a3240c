/**
 * A run's result as an HTTP response, exactly as a synchronous webhook call answers it — shared
 * by synchronous webhooks and `GET /api/executions/<id>/result`.
 */
import type pg from "pg";
import { allowedHeaders, PROTECTIVE_HEADERS } from "./response-headers";
import { readOutcome, type StoredOutcome } from "./store";

export type { StoredOutcome };

export interface RunResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): RunResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers, ...PROTECTIVE_HEADERS },
  body: Buffer.from(JSON.stringify(value)),
});

/** `{ error, ...extra }` as JSON: how the webhook and the test webhook refuse or fail a call */
export const errorResponse = (status: number, message: string, extra: Record<string, unknown> = {}): RunResponse =>
  json(status, { error: message, ...extra });

export const executionLocation = (id: string) => `/api/executions/${id}`;

export function pendingResponse(id: string, status: string): RunResponse {
  return json(202, { executionId: id, status }, { location: executionLocation(id) });
}

export async function loadRunResponse(pool: pg.Pool, id: string): Promise<RunResponse | null> {
  const outcome = await readOutcome(pool, id);
  return outcome ? runResponse(id, outcome) : null;
}

export function runResponse(id: string, row: StoredOutcome): RunResponse {
  if (row.status === "failed")
    return json(500, { executionId: id, error: row.error?.message ?? "failed", step: row.error?.stepKey ?? null });
  if (row.status === "canceled") return json(409, { executionId: id, status: "canceled", error: row.error?.message ?? null });
  if (row.status !== "succeeded") return pendingResponse(id, row.status);

  const meta = row.result_meta ?? {};
  const status = meta.statusCode ?? 200;
  // the execution id rides along, so a caller can find the run behind an answer
  const headers: Record<string, string> = { ...allowedHeaders(meta.headers), "x-junction-execution-id": id, ...PROTECTIVE_HEADERS };
  // bytes, or a result whose stored copy is only a preview (result-columns.ts): the body is kept as answered
  if (meta.binary || meta.fullBody) {
    return {
      status,
      headers: { "content-type": meta.contentType ?? (meta.binary ? "application/octet-stream" : "application/json"), ...headers },
      body: row.result_body ?? Buffer.alloc(0),
    };
  }
  const data = row.result;
  if (data === null || data === undefined) return { status, headers, body: Buffer.alloc(0) };
  if (typeof data === "string" && meta.contentType) {
    return { status, headers: { "content-type": meta.contentType, ...headers }, body: Buffer.from(data) };
  }
  return {
    status,
    headers: { "content-type": meta.contentType ?? "application/json", ...headers },
    body: Buffer.from(JSON.stringify(data)),
  };
}

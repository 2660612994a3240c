/** One Web API call through `context.fetch`: `ok: false` answers and HTTP 429 become clear errors. */
import type { ActionContext } from "@junction/sdk";
import { readSlackConnection } from "./read-connection";

export class SlackError extends Error {
  constructor(
    message: string,
    /** Slack's error code, e.g. "channel_not_found", or "ratelimited" */
    readonly code: string,
    /** for "ratelimited": seconds to wait before retrying */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SlackError";
  }
}

export type SlackParams = Record<string, string | number | boolean | undefined>;

export interface SlackAnswer {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

/**
 * Calls `method` with a JSON body (`as: "json"`, for methods whose docs accept application/json,
 * such as chat.postMessage) or form fields (`as: "form"`: read methods like conversations.list
 * and the files.* upload methods take only those).
 */
export async function slackCall(
  context: ActionContext,
  connection: unknown,
  method: string,
  params: SlackParams | Record<string, unknown>,
  as: "json" | "form" = "json",
): Promise<SlackAnswer> {
  const c = readSlackConnection(connection);
  const defined = Object.entries(params).filter(([, v]) => v !== undefined && v !== "");
  const body =
    as === "json"
      ? JSON.stringify(Object.fromEntries(defined))
      : defined.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`).join("&");
  const response = await context.fetch(`${c.apiBaseUrl}/${method}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${c.token}`,
      "content-type": as === "json" ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded",
    },
    body,
  });
  if (response.status === 429) {
    const retry = Number(response.headers.get("retry-after"));
    const seconds = Number.isFinite(retry) && retry >= 0 ? retry : undefined;
    throw new SlackError(
      `Slack ${method} was rate limited (ratelimited): retry after ${seconds ?? "a few"} seconds`,
      "ratelimited",
      seconds,
    );
  }
  const text = await response.text();
  let answer: SlackAnswer;
  try {
    answer = JSON.parse(text) as SlackAnswer;
  } catch {
    throw new SlackError(`Slack ${method} answered HTTP ${response.status} with a body that is not JSON`, `http_${response.status}`);
  }
  if (!answer.ok) {
    const code = answer.error ?? `http_${response.status}`;
    const details = (answer.response_metadata as { messages?: string[] } | undefined)?.messages;
    throw new SlackError(`Slack ${method} failed: ${code}${details?.length ? ` (${details.join("; ")})` : ""}`, code);
  }
  return answer;
}

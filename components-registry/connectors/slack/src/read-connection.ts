/**
 * A Slack credential value: the botToken connection's `{ token, apiBaseUrl }`, or an OAuth 2.0
 * connection's `{ accessToken, … }` as the platform hands it to steps (an app installed with OAuth).
 */
export interface SlackConnection {
  token: string;
  /** without a trailing slash */
  apiBaseUrl: string;
}

export const DEFAULT_API_BASE_URL = "https://slack.com/api";

export function readSlackConnection(value: unknown): SlackConnection {
  if (typeof value !== "object" || value === null) throw new Error("Slack connection: expected a bot token or OAuth 2.0 connection");
  const v = value as Record<string, unknown>;
  const token = typeof v.token === "string" && v.token !== "" ? v.token : typeof v.accessToken === "string" ? v.accessToken : "";
  if (!token) throw new Error("Slack connection: token is required (or an OAuth 2.0 connection's accessToken)");
  const base = typeof v.apiBaseUrl === "string" && v.apiBaseUrl.trim() !== "" ? v.apiBaseUrl.trim() : DEFAULT_API_BASE_URL;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(base)) {
    throw new Error(`Slack connection: apiBaseUrl must be an http(s) URL such as https://slack.com/api, got "${base}"`);
  }
  return { token, apiBaseUrl: base.replace(/\/+$/, "") };
}

/** What a webhook request gives a flow's trigger: its headers (without the caller's credentials), query and body. */
import type { IncomingHttpHeaders } from "node:http";

export const isJson = (contentType: string) => /^application\/([\w.+-]+\+)?json\b/i.test(contentType);

export function parseQuery(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(url, "http://x").searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return query;
}

/**
 * How a caller signs in is not data for the flow: a browser's session cookie (the instance page's
 * test card is same-origin), a bearer token, the endpoint's own key and signature. The flow sees
 * authorization, cookie or proxy-authorization only when its trigger keeps them (keepHeaders).
 */
const CALLER_CREDENTIALS = new Set([
  "authorization",
  "cookie",
  "proxy-authorization",
  "x-junction-api-key",
  "x-junction-signature",
  "x-junction-timestamp",
]);

export function triggerHeaders(raw: IncomingHttpHeaders | Record<string, string>, keep: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const name = k.toLowerCase();
    if (CALLER_CREDENTIALS.has(name) && !keep.includes(name)) continue;
    headers[name] = Array.isArray(v) ? v.join(", ") : (v ?? "");
  }
  return headers;
}

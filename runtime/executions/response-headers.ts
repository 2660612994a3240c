/**
 * What a run may put in the HTTP answer given on its behalf (a synchronous webhook, the result
 * API): both are served from the app's origin, so a flow's code must not set cookies there, frame
 * or script the app, or break the framing of the answer itself.
 */
import { validateHeaderName, validateHeaderValue } from "node:http";

/** never taken from a run: cookies, framing and hop-by-hop headers, and the ones Junction sets itself */
const NOT_FROM_RUNS = new Set([
  "set-cookie",
  "set-cookie2",
  "content-length",
  "transfer-encoding",
  "content-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "trailer",
  "te",
  "host",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "content-security-policy",
  "content-security-policy-report-only",
  "x-content-type-options",
  "content-disposition",
  "strict-transport-security",
  "clear-site-data",
]);

const allowed = (name: string) => !NOT_FROM_RUNS.has(name) && !name.startsWith("x-junction-") && !name.startsWith("proxy-");

/** every answer given for a run: no sniffing into HTML, and HTML (if any) in a sandbox without the app's origin */
export const PROTECTIVE_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox",
};

/** the run's headers that may be sent, names lower-cased */
export function allowedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const name = k.toLowerCase();
    if (allowed(name)) out[name] = String(v);
  }
  return out;
}

/** Why the run's answer cannot be sent (a failure of the run), or null. */
export function responseProblem(result: { statusCode?: unknown; headers?: unknown; contentType?: unknown } | undefined): string | null {
  if (!result) return null;
  const { statusCode, headers, contentType } = result;
  if (
    statusCode !== undefined &&
    (typeof statusCode !== "number" || !Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599)
  ) {
    return `statusCode ${JSON.stringify(statusCode)} is not an HTTP status from 200 to 599`;
  }
  if (contentType !== undefined) {
    if (typeof contentType !== "string") return "contentType is not a string";
    try {
      validateHeaderValue("content-type", contentType);
    } catch {
      return `contentType ${JSON.stringify(contentType)} holds characters a header cannot carry`;
    }
  }
  if (headers === undefined || headers === null) return null;
  if (typeof headers !== "object" || Array.isArray(headers)) return "headers is not an object of names and values";
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
    } catch {
      return `header name ${JSON.stringify(name)} is not a valid HTTP header name`;
    }
    if (typeof value !== "string" && typeof value !== "number")
      return `header "${name}" has a ${typeof value} value; header values are text`;
    try {
      validateHeaderValue(name, String(value));
    } catch {
      return `header "${name}" has a value with characters a header cannot carry (line breaks, control or non-Latin-1 characters)`;
    }
  }
  return null;
}

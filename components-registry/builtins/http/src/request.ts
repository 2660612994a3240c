/** One HTTP call as the http actions make it: URL and query, body encoding, retries, response parsing. */
import type { ActionContext, Credential, PerformResult, SandboxResponse } from "../../../sdk";
import { authHeaders } from "./auth";

export interface HttpInputs {
  method: string;
  url: string;
  queryParams?: unknown;
  headers?: unknown;
  auth?: Credential;
  apiKey?: Credential;
  timeoutMs?: number;
  responseType: "auto" | "json" | "text" | "binary";
  failOnError: boolean;
  includeFullResponse: boolean;
  body?: unknown;
  bodyType?: "json" | "form" | "raw" | "binary";
  retries: number;
  retryDelayMs: number;
}

const MAX_RETRY_WAIT_MS = 60_000;

export async function httpRequest(context: ActionContext, i: HttpInputs): Promise<PerformResult> {
  const url = new URL(i.url);
  for (const [k, v] of entries(i.queryParams, "queryParams")) {
    for (const item of Array.isArray(v) ? v : [v])
      url.searchParams.append(k, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
  const headers: Record<string, string> = {};
  const setHeader = (k: string, v: string) => {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    headers[k] = v;
  };
  for (const [k, v] of entries(i.headers, "headers")) setHeader(k, String(v));
  for (const [k, v] of Object.entries(await authHeaders(i.auth ?? i.apiKey, context, i.timeoutMs))) setHeader(k, v);
  const hasHeader = (k: string) => Object.keys(headers).some((h) => h.toLowerCase() === k);
  const body = i.method === "GET" || i.method === "HEAD" ? undefined : encodeBody(i.body, i.bodyType ?? "json", hasHeader, setHeader);

  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    const res = await context.fetch(url.href, { method: i.method, headers, body, timeoutMs: i.timeoutMs });
    // an error answer is logged at the level a reader filters for: 4xx a warning, 5xx an error
    const level = res.status >= 500 ? "error" : res.status >= 400 ? "warn" : "info";
    context.logger[level](`${i.method} ${url.origin}${url.pathname} → ${res.status} (${Date.now() - started} ms)`);
    if ((res.status === 429 || res.status >= 500) && attempt < i.retries) {
      const wait = retryWait(res, i.retryDelayMs * 2 ** attempt);
      context.logger.warn(`retrying in ${wait} ms (attempt ${attempt + 2} of ${i.retries + 1})`);
      await new Promise((r) => setTimeout(r, wait));
      continue;
    }
    return toResult(res, i, url);
  }
}

function entries(value: unknown, name: string): [string, unknown][] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value !== "object" || Array.isArray(value)) throw new Error(`${name} must be an object of names and values`);
  return Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
}

function encodeBody(
  body: unknown,
  type: NonNullable<HttpInputs["bodyType"]>,
  hasHeader: (k: string) => boolean,
  setHeader: (k: string, v: string) => void,
): string | Uint8Array | URLSearchParams | undefined {
  if (body === undefined || body === null) return undefined;
  const contentType = (v: string) => !hasHeader("content-type") && setHeader("content-type", v);
  switch (type) {
    case "json":
      contentType("application/json");
      return typeof body === "string" ? body : JSON.stringify(body);
    case "form":
      if (typeof body === "string") {
        contentType("application/x-www-form-urlencoded");
        return body;
      }
      return new URLSearchParams(entries(body, "A form body").map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));
    case "raw":
      if (body instanceof Uint8Array || typeof body === "string") return body;
      return JSON.stringify(body);
    case "binary":
      contentType("application/octet-stream");
      if (body instanceof Uint8Array) return body;
      if (typeof body === "string") return new TextEncoder().encode(body);
      if (typeof body === "object" && "data" in body) return encodeBody((body as { data: unknown }).data, "binary", hasHeader, setHeader);
      throw new Error("A binary body must be bytes or text");
  }
}

/** Retry-After in seconds or as an HTTP date, else the backoff; never more than a minute */
function retryWait(res: SandboxResponse, backoffMs: number): number {
  const header = res.headers.get("retry-after");
  let ms = backoffMs;
  if (header && /^\d+$/.test(header.trim())) ms = Number(header) * 1000;
  else if (header && !Number.isNaN(Date.parse(header))) ms = Date.parse(header) - Date.now();
  return Math.min(Math.max(0, ms), MAX_RETRY_WAIT_MS);
}

async function toResult(res: SandboxResponse, i: HttpInputs, url: URL): Promise<PerformResult> {
  const bytes = await res.bytes();
  const contentType = res.headers.get("content-type") ?? "";
  if (i.failOnError && res.status >= 400) {
    const excerpt = new TextDecoder().decode(bytes.subarray(0, 500)).trim();
    // the executor reads "(Retry-After: …)" to time a step's retry (runtime/executor/step-error.ts)
    const retryAfter = res.headers.get("retry-after")?.trim();
    throw new Error(
      `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${retryAfter ? ` (Retry-After: ${retryAfter})` : ""} from ${i.method} ${url.origin}${url.pathname}${excerpt ? `: ${excerpt}` : ""}`,
    );
  }
  const kind = i.responseType === "auto" ? sniff(contentType) : i.responseType;
  let body: unknown;
  if (kind === "binary") body = bytes;
  else {
    const text = new TextDecoder().decode(bytes);
    if (kind === "text") body = text;
    else if (text.trim() === "") body = null;
    else if (i.responseType === "json") body = JSON.parse(text);
    else {
      try {
        body = JSON.parse(text);
      } catch {
        body = text; // labeled JSON but is not: keep the text rather than fail the step
      }
    }
  }
  if (i.includeFullResponse) {
    return { data: { status: res.status, headers: Object.fromEntries(res.headers.entries()), body } };
  }
  return kind === "binary" ? { data: body, contentType: contentType || "application/octet-stream" } : { data: body };
}

function sniff(contentType: string): "json" | "text" | "binary" {
  const t = contentType.toLowerCase();
  if (/[/+]json\b/.test(t)) return "json";
  if (t === "" || t.startsWith("text/") || /xml|javascript|x-www-form-urlencoded|csv|yaml/.test(t)) return "text";
  return "binary";
}

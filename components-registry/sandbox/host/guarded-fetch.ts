/**
 * `fetch` for actions, run on the host with undici: every connection (redirects included) goes
 * through the network guard, the body is read up to a size limit, and a timeout applies.
 */
import { STATUS_CODES } from "node:http";
import { Agent, buildConnector, type Dispatcher } from "undici";
import type { NetworkPolicy } from "../limits";
import type { HostResponse } from "../guest/response";
import { readCapped, type CallBudget } from "./call-budget";
import { NetworkPolicyError, resolveAllowedAddress } from "./network-guard";

export interface FetchRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body?: string | Uint8Array;
  timeoutMs?: number;
  redirect?: "follow" | "manual" | "error";
}

/** An undici Agent whose connector checks the resolved address and connects to exactly it. */
export function createGuardedAgent(policy: NetworkPolicy): Agent {
  const connect = buildConnector({ timeout: 10_000 });
  return new Agent({
    connect: (options, callback) => {
      resolveAllowedAddress(options.hostname, policy).then(
        // TLS keeps the name for SNI and certificate checks: undici takes it from `host`
        ({ address }) => connect({ ...options, hostname: address }, callback),
        (err: Error) => callback(err, null),
      );
    },
  });
}

export async function guardedFetch(
  req: FetchRequest,
  deps: { agent: Agent; policy: NetworkPolicy; signal: AbortSignal; budget?: CallBudget },
): Promise<HostResponse> {
  let url: URL;
  try {
    url = new URL(String(req.url));
  } catch {
    throw new TypeError(`Invalid URL: ${req.url}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NetworkPolicyError(`Only http and https URLs can be fetched, got ${url.protocol}`);
  }
  if (url.username || url.password) throw new TypeError("A URL with credentials in it cannot be fetched: send them in a header");
  const timeoutMs = typeof req.timeoutMs === "number" && req.timeoutMs > 0 ? req.timeoutMs : deps.policy.fetchTimeoutMs;
  // one controller for the timeout and the call's end (AbortSignal.timeout and .any cost far more)
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(FETCH_TIMED_OUT);
  }, timeoutMs);
  const onEnded = () => controller.abort(deps.signal.reason);
  if (deps.signal.aborted) onEnded();
  else deps.signal.addEventListener("abort", onEnded, { once: true });
  try {
    return await fetchLimited(req, url, deps, controller.signal, timeoutMs, () => timedOut);
  } finally {
    clearTimeout(timer);
    deps.signal.removeEventListener("abort", onEnded);
  }
}

const FETCH_TIMED_OUT = new Error("timed out");

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
/**
 * What a redirect to another origin (https to http included: another scheme is another origin)
 * carries along: these plain headers only. Fetch drops just `authorization`, but API keys travel in
 * headers of any name (`x-api-key`, `api-key`, `x-auth-token`, an apiKey credential's own
 * `headerName` …), so anything not known to be harmless stays with the origin it was meant for.
 */
const CROSS_ORIGIN_HEADERS = new Set([
  "accept",
  "accept-language",
  "cache-control",
  "content-encoding",
  "content-language",
  "content-length",
  "content-type",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-unmodified-since",
  "pragma",
  "range",
  "user-agent",
]);
/** dropped with the body when a redirect turns the request into a GET */
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding", "content-language", "content-location"]);

/**
 * The request on undici's `request` (a quarter of `fetch`'s CPU per call here), with fetch's
 * redirect rules: 303, and 301/302 after a POST, become a GET without body; another origin gets
 * only plain headers (CROSS_ORIGIN_HEADERS); at most 20 hops, each through the guarded agent.
 */
async function fetchLimited(
  req: FetchRequest,
  first: URL,
  deps: { agent: Agent; policy: NetworkPolicy; budget?: CallBudget },
  signal: AbortSignal,
  timeoutMs: number,
  timedOut: () => boolean,
): Promise<HostResponse> {
  // the request comes from the sandbox: take only the shapes a fetch request has
  let method = typeof req.method === "string" && req.method ? req.method.toUpperCase() : "GET";
  let headers = withDefaults(
    Array.isArray(req.headers)
      ? req.headers.filter((h): h is [string, string] => Array.isArray(h) && typeof h[0] === "string" && typeof h[1] === "string")
      : [],
  );
  let body = typeof req.body === "string" || req.body instanceof Uint8Array ? req.body : undefined;
  const mode = req.redirect === "manual" || req.redirect === "error" ? req.redirect : "follow";
  let url = first;
  for (let hop = 0; ; hop++) {
    let res: Dispatcher.ResponseData;
    try {
      res = await deps.agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: method as Dispatcher.HttpMethod,
        headers: headers.flat(),
        body: method === "GET" || method === "HEAD" ? undefined : body,
        signal,
      });
    } catch (err) {
      throw fetchError(err, first, timedOut(), timeoutMs, signal.aborted);
    }
    const location = REDIRECTS.has(res.statusCode) ? res.headers.location : undefined;
    if (typeof location === "string" && mode !== "manual") {
      discard(res.body);
      if (mode === "error") throw new Error(`The request to ${first.origin} was redirected, and redirect is "error"`);
      if (hop >= MAX_REDIRECTS) throw new Error(`The request to ${first.origin} was redirected more than ${MAX_REDIRECTS} times`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new Error(`The request to ${first.origin} was redirected to an invalid URL: ${location}`);
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new NetworkPolicyError(`Only http and https URLs can be fetched, got a redirect to ${next.protocol}`);
      }
      if (res.statusCode === 303 ? method !== "GET" && method !== "HEAD" : res.statusCode <= 302 && method === "POST") {
        method = "GET";
        body = undefined;
        headers = headers.filter(([k]) => !BODY_HEADERS.has(k.toLowerCase()));
      }
      if (next.origin !== url.origin) headers = headers.filter(([k]) => CROSS_ORIGIN_HEADERS.has(k.toLowerCase()));
      url = next;
      continue;
    }
    try {
      return {
        status: res.statusCode,
        statusText: STATUS_CODES[res.statusCode] ?? "",
        url: url.href,
        redirected: hop > 0,
        headers: fetchHeaders(res.headers),
        body: await readLimited(res, deps.policy.fetchMaxBytes, first, deps.budget),
      };
    } catch (err) {
      throw fetchError(err, first, timedOut(), timeoutMs, signal.aborted);
    }
  }
}

/**
 * What fetch would add when the action does not set them (some APIs refuse a request without a
 * user agent). Responses arrive uncompressed: fetch decompressed them, `request` does not, so no
 * accept-encoding is passed on.
 */
function withDefaults(headers: [string, string][]): [string, string][] {
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  const out = headers.filter(([k]) => k.toLowerCase() !== "accept-encoding");
  if (!has("accept")) out.push(["accept", "*/*"]);
  if (!has("user-agent")) out.push(["user-agent", "Junction"]);
  return out;
}

/** headers as fetch's Headers lists them: sorted by name, repeated ones joined, set-cookie apart */
function fetchHeaders(raw: Dispatcher.ResponseData["headers"]): [string, string][] {
  const out: [string, string][] = [];
  for (const name of Object.keys(raw).sort()) {
    const value = raw[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (name === "set-cookie") for (const v of value) out.push([name, v]);
      else out.push([name, value.join(", ")]);
    } else out.push([name, value]);
  }
  return out;
}

/** a body not read: closed, and what it says on its way out (an abort) heard by no one */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => undefined);
  body.destroy();
}

async function readLimited(res: Dispatcher.ResponseData, max: number, url: URL, budget?: CallBudget): Promise<Uint8Array> {
  const tooLarge = () => new Error(`The response from ${url.origin} is larger than ${max / 1024 / 1024} MB (JUNCTION_FETCH_MAX_MB)`);
  if (Number(res.headers["content-length"]) > max) {
    discard(res.body);
    throw tooLarge();
  }
  try {
    return await readCapped(res.body as AsyncIterable<Uint8Array>, max, tooLarge, budget);
  } catch (err) {
    discard(res.body);
    throw err;
  }
}

function fetchError(err: unknown, url: URL, timedOut: boolean, timeoutMs: number, aborted: boolean): Error {
  if (timedOut) return new Error(`The request to ${url.origin} timed out after ${timeoutMs} ms`);
  if (aborted) return new Error(`The request to ${url.origin} was aborted`);
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.cause instanceof NetworkPolicyError) return e.cause;
  if (e instanceof NetworkPolicyError || /JUNCTION_FETCH_MAX_MB|JUNCTION_SANDBOX_INFLIGHT_MB/.test(e.message)) return e;
  if (e.name === "AbortError") return new Error(`The request to ${url.origin} was aborted`);
  const cause = e.cause ? `: ${e.cause.code ?? e.cause.message}` : "";
  return new Error(`The request to ${url.origin} failed (${e.message}${cause})`);
}

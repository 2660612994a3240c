/**
 * `fetch` for actions, run on the host with undici: every connection (redirects included) goes
 * through the network guard, the body is read up to a size limit, and a timeout applies.
 */
import { Agent, buildConnector, fetch as undiciFetch, type Response } from "undici";
import type { NetworkPolicy } from "../limits";
import type { HostResponse } from "../guest/response";
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
  deps: { agent: Agent; policy: NetworkPolicy; signal: AbortSignal },
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

async function fetchLimited(
  req: FetchRequest,
  url: URL,
  deps: { agent: Agent; policy: NetworkPolicy },
  signal: AbortSignal,
  timeoutMs: number,
  timedOut: () => boolean,
): Promise<HostResponse> {
  let res: Response;
  try {
    // the request comes from the sandbox: take only the shapes a fetch request has
    const method = typeof req.method === "string" && req.method ? req.method.toUpperCase() : "GET";
    const headers = Array.isArray(req.headers)
      ? req.headers.filter((h): h is [string, string] => Array.isArray(h) && typeof h[0] === "string" && typeof h[1] === "string")
      : [];
    const body = typeof req.body === "string" || req.body instanceof Uint8Array ? req.body : undefined;
    res = await undiciFetch(url, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
      redirect: req.redirect === "manual" || req.redirect === "error" ? req.redirect : "follow",
      dispatcher: deps.agent,
      signal,
    });
  } catch (err) {
    throw fetchError(err, url, timedOut(), timeoutMs, signal.aborted);
  }
  try {
    return {
      status: res.status,
      statusText: res.statusText,
      url: res.url,
      redirected: res.redirected,
      headers: [...res.headers],
      body: await readLimited(res, deps.policy.fetchMaxBytes, url),
    };
  } catch (err) {
    throw fetchError(err, url, timedOut(), timeoutMs, signal.aborted);
  }
}

async function readLimited(res: Response, max: number, url: URL): Promise<Uint8Array> {
  const tooLarge = () =>
    new Error(`The response from ${url.origin} is larger than ${max / 1024 / 1024} MB (JUNCTION_FETCH_MAX_MB)`);
  if (Number(res.headers.get("content-length")) > max) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    size += r.value.byteLength;
    if (size > max) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(r.value);
  }
  // a fresh buffer of exactly this size: nothing else from the host's memory crosses over
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

function fetchError(err: unknown, url: URL, timedOut: boolean, timeoutMs: number, aborted: boolean): Error {
  if (timedOut) return new Error(`The request to ${url.origin} timed out after ${timeoutMs} ms`);
  if (aborted) return new Error(`The request to ${url.origin} was aborted`);
  const e = err as Error & { cause?: Error & { code?: string } };
  if (e.cause instanceof NetworkPolicyError) return e.cause;
  if (e instanceof NetworkPolicyError || e.message.includes("JUNCTION_FETCH_MAX_MB")) return e;
  if (e.name === "AbortError") return new Error(`The request to ${url.origin} was aborted`);
  const cause = e.cause ? `: ${e.cause.code ?? e.cause.message}` : "";
  return new Error(`The request to ${url.origin} failed (${e.message}${cause})`);
}

/** `fetch` in the sandbox: the host makes the request (with its network guard) and returns bytes. */
import { Headers } from "./headers";
import { callHost } from "./host-bridge";
import { Response, type HostResponse } from "./response";
import { URLSearchParams } from "./url";

export interface GuestFetchInit {
  method?: string;
  headers?: Record<string, string> | Iterable<[string, string]> | Headers;
  body?: string | Uint8Array | ArrayBuffer | ArrayBufferView | URLSearchParams | null;
  timeoutMs?: number;
  redirect?: "follow" | "manual" | "error";
  signal?: unknown;
}

export async function fetch(input: string | { href: string } | { url: string }, init: GuestFetchInit = {}): Promise<Response> {
  const url = typeof input === "string" ? input : "href" in input ? input.href : input.url;
  const headers = new Headers(init.headers);
  let body: string | Uint8Array | undefined;
  const b = init.body;
  if (b instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    body = b.toString();
  } else if (b instanceof ArrayBuffer) body = new Uint8Array(b);
  else if (ArrayBuffer.isView(b)) body = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  else if (typeof b === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain;charset=UTF-8");
    body = b;
  }
  const response = (await callHost("fetch", {
    url: String(url),
    method: (init.method ?? "GET").toUpperCase(),
    headers: [...headers],
    body,
    timeoutMs: init.timeoutMs,
    redirect: init.redirect ?? "follow",
  })) as HostResponse;
  return new Response(response);
}

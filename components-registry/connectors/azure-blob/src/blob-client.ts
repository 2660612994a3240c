/** One authorized Blob service request through `context.fetch`; error answers become errors with their code. */
import type { ActionContext, SandboxResponse } from "@junction/sdk";
import { uriEncode } from "./encoding";
import { readAzureConnection } from "./read-connection";
import { sharedKeyAuthorization } from "./shared-key";
import { childText, parseXml, type XmlElement } from "./xml";

/** the REST version the requests speak */
export const API_VERSION = "2023-11-03";

export interface BlobRequest {
  method: "GET" | "PUT" | "DELETE" | "HEAD";
  container?: string;
  blob?: string;
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: Uint8Array;
}

export class AzureBlobError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AzureBlobError";
  }
}

export function checkContainer(name: unknown, field = "container"): string {
  if (typeof name !== "string" || !/^(?:\$root|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$/.test(name)) {
    throw new Error(`${field} must be a container name (3–63 lower-case letters, digits and single hyphens), got ${JSON.stringify(name)}`);
  }
  return name;
}

export function checkBlobName(name: unknown, field = "blob"): string {
  if (typeof name !== "string" || name === "") throw new Error(`${field} is required (the blob's name, e.g. "reports/2024.csv")`);
  if (name.length > 1024) throw new Error(`${field} is longer than Azure's 1024 characters`);
  return name;
}

export async function blobRequest(context: ActionContext, connection: unknown, req: BlobRequest): Promise<SandboxResponse> {
  const c = readAzureConnection(connection);
  const m = /^(https?:\/\/[^/]+)(\/.*)?$/i.exec(c.endpoint)!;
  let path = m[2] ?? "";
  if (req.container) path += "/" + uriEncode(req.container) + (req.blob !== undefined ? "/" + uriEncode(req.blob, true) : "");
  else path += "/";
  const query = req.query ?? [];
  const body = req.body;
  const headers: Record<string, string> = { ...req.headers, "x-ms-date": new Date().toUTCString(), "x-ms-version": API_VERSION };
  if (body && body.byteLength > 0) headers["content-length"] = String(body.byteLength);
  let qs = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
  if (c.accountKey) {
    headers.authorization = sharedKeyAuthorization(context.crypto, c.accountName, c.accountKey, {
      method: req.method,
      path,
      query,
      headers,
    });
  } else if (c.sas) {
    qs = qs ? `${qs}&${c.sas}` : c.sas;
  }
  // content-length is the fetch's to set; it was only needed for the signature
  delete headers["content-length"];
  const response = await context.fetch(`${m[1]}${path}${qs ? "?" + qs : ""}`, {
    method: req.method,
    headers,
    body: req.method === "PUT" ? (body ?? new Uint8Array(0)) : undefined,
    redirect: "manual",
  });
  if (response.status >= 300) throw await errorOf(response, req);
  return response;
}

function describe(req: BlobRequest): string {
  return `${req.method} ${req.container ?? "(account)"}${req.blob !== undefined ? "/" + req.blob : ""}`;
}

async function errorOf(response: SandboxResponse, req: BlobRequest): Promise<AzureBlobError> {
  let code = response.headers.get("x-ms-error-code") ?? `HTTP${response.status}`;
  let message = response.statusText || "request failed";
  const text = req.method === "HEAD" ? "" : await response.text();
  if (text.trim().startsWith("<")) {
    try {
      const doc = parseXml(text);
      code = childText(doc, "Code") ?? code;
      // the message's later lines are a request id and a time
      message = (childText(doc, "Message") ?? message).split("\n")[0];
    } catch {
      // not XML after all: keep the status line
    }
  }
  return new AzureBlobError(`Azure Blob ${describe(req)} failed: ${code}: ${message} (HTTP ${response.status})`, code, response.status);
}

export async function xmlOf(response: SandboxResponse): Promise<XmlElement> {
  return parseXml(await response.text());
}

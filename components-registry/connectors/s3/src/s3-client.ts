/** One signed S3 request through `context.fetch`; S3's error documents become errors with Code and Message. */
import type { ActionContext, SandboxResponse } from "@junction/sdk";
import { readS3Connection, type S3Connection } from "./read-connection";
import { toHex, uriEncode } from "./encoding";
import { signRequest } from "./sigv4";
import { childText, parseXml, type XmlElement } from "./xml";

export interface S3Request {
  method: "GET" | "PUT" | "DELETE" | "HEAD" | "POST";
  bucket?: string;
  key?: string;
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: Uint8Array;
}

export class S3Error extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

/** A bucket name usable as a DNS label in https (no dots: the wildcard certificate would not match). */
const VIRTUAL_HOST_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function checkBucket(bucket: unknown, field = "bucket"): string {
  if (typeof bucket !== "string" || !/^[a-zA-Z0-9._-]{1,255}$/.test(bucket)) {
    throw new Error(`${field} must be a bucket name (letters, digits, ".", "-", "_"), got ${JSON.stringify(bucket)}`);
  }
  return bucket;
}

export function checkKey(key: unknown, field = "key"): string {
  if (typeof key !== "string" || key === "") throw new Error(`${field} is required (the object's key, e.g. "reports/2024.csv")`);
  if (key.length > 1024) throw new Error(`${field} is longer than S3's 1024 characters`);
  return key;
}

/** Where a request goes: protocol, Host header and encoded path. */
export function locate(c: S3Connection, bucket?: string, key?: string): { protocol: string; host: string; path: string } {
  const keyPath = key === undefined ? "" : "/" + uriEncode(key, true);
  if (c.endpoint) {
    const { protocol, host, basePath } = c.endpoint;
    const path = basePath + (bucket ? "/" + uriEncode(bucket) + keyPath : "/");
    return { protocol, host, path };
  }
  const awsHost = `s3.${c.region}.amazonaws.com`;
  if (!bucket) return { protocol: "https", host: awsHost, path: "/" };
  if (c.forcePathStyle || !VIRTUAL_HOST_BUCKET.test(bucket)) {
    return { protocol: "https", host: awsHost, path: "/" + uriEncode(bucket) + keyPath };
  }
  return { protocol: "https", host: `${bucket}.${awsHost}`, path: keyPath || "/" };
}

export async function s3Request(context: ActionContext, connection: unknown, req: S3Request): Promise<SandboxResponse> {
  const c = readS3Connection(connection);
  const where = locate(c, req.bucket, req.key);
  const query = req.query ?? [];
  const body = req.body ?? new Uint8Array(0);
  const payloadHash = toHex(context.crypto.hash("sha256", body));
  const headers = signRequest(
    context.crypto,
    { method: req.method, host: where.host, path: where.path, query, headers: { ...req.headers, "x-amz-content-sha256": payloadHash } },
    payloadHash,
    { credentials: c, region: c.region, service: "s3", now: new Date() },
  );
  const qs = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
  const url = `${where.protocol}://${where.host}${where.path}${qs ? "?" + qs : ""}`;
  const hasBody = req.method === "PUT" || req.method === "POST";
  const response = await context.fetch(url, { method: req.method, headers, body: hasBody ? body : undefined, redirect: "manual" });
  if (response.status >= 300) throw await errorOf(response, req);
  return response;
}

function describe(req: S3Request): string {
  return `${req.method} ${req.bucket ?? ""}${req.key !== undefined ? "/" + req.key : ""}`;
}

async function errorOf(response: SandboxResponse, req: S3Request): Promise<S3Error> {
  const text = req.method === "HEAD" ? "" : await response.text();
  let code = `HTTP${response.status}`;
  let message = response.statusText || "request failed";
  if (text.trim().startsWith("<")) {
    try {
      const doc = parseXml(text);
      code = childText(doc, "Code") ?? code;
      message = childText(doc, "Message") ?? message;
    } catch {
      // not XML after all: keep the status line
    }
  }
  if (response.status === 301 || response.status === 307) {
    const region = response.headers.get("x-amz-bucket-region");
    if (region) message += ` (the bucket is in ${region}: set the connection's region)`;
  }
  return new S3Error(`S3 ${describe(req)} failed: ${code}: ${message} (HTTP ${response.status})`, code, response.status);
}

/** Parses an XML answer; an <Error> document in a 200 (CopyObject can do that) is thrown as an error. */
export async function xmlOf(response: SandboxResponse, req: S3Request): Promise<XmlElement> {
  const doc = parseXml(await response.text());
  if (doc.name === "Error") {
    const code = childText(doc, "Code") ?? "Error";
    throw new S3Error(`S3 ${describe(req)} failed: ${code}: ${childText(doc, "Message") ?? ""}`, code, response.status);
  }
  return doc;
}

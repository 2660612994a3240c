/** ListObjectsV2, reusable by actions and the "new objects" trigger. */
import type { ActionContext } from "@junction/sdk";
import { checkBucket, s3Request, xmlOf } from "./s3-client";
import { childrenNamed, childText } from "./xml";

export interface ListObjectsOptions {
  bucket: string;
  prefix?: string;
  /** group keys sharing a prefix up to this character into `prefixes` (e.g. "/") */
  delimiter?: string;
  /** only keys after this one (in UTF-8 binary order) */
  startAfter?: string;
  /** 1 to 1000 (S3's page size; 1000 by default) */
  maxKeys?: number;
  continuationToken?: string;
}

export interface S3ObjectSummary {
  key: string;
  size: number;
  /** ISO 8601 */
  lastModified: string;
  /** without the surrounding quotes */
  etag: string;
}

export interface ListObjectsResult {
  objects: S3ObjectSummary[];
  prefixes: string[];
  /** set when there are more keys: pass it back as continuationToken */
  nextContinuationToken?: string;
}

export const unquote = (etag: string | null | undefined): string => (etag ?? "").replace(/^"|"$/g, "");

export async function listObjects(context: ActionContext, connection: unknown, options: ListObjectsOptions): Promise<ListObjectsResult> {
  const bucket = checkBucket(options.bucket);
  const query: [string, string][] = [["list-type", "2"]];
  if (options.prefix) query.push(["prefix", options.prefix]);
  if (options.delimiter) query.push(["delimiter", options.delimiter]);
  if (options.startAfter) query.push(["start-after", options.startAfter]);
  if (options.continuationToken) query.push(["continuation-token", options.continuationToken]);
  if (options.maxKeys !== undefined) {
    if (!Number.isInteger(options.maxKeys) || options.maxKeys < 1 || options.maxKeys > 1000) {
      throw new Error(`maxKeys must be a whole number from 1 to 1000, got ${options.maxKeys}`);
    }
    query.push(["max-keys", String(options.maxKeys)]);
  }
  const req = { method: "GET" as const, bucket, query };
  const doc = await xmlOf(await s3Request(context, connection, req), req);
  const objects = childrenNamed(doc, "Contents").map((c) => {
    const modified = childText(c, "LastModified");
    return {
      key: childText(c, "Key") ?? "",
      size: Number(childText(c, "Size") ?? 0),
      lastModified: modified ? new Date(modified).toISOString() : "",
      etag: unquote(childText(c, "ETag")),
    };
  });
  const prefixes = childrenNamed(doc, "CommonPrefixes").map((p) => childText(p, "Prefix") ?? "");
  const truncated = childText(doc, "IsTruncated") === "true";
  const next = childText(doc, "NextContinuationToken");
  return { objects, prefixes, ...(truncated && next ? { nextContinuationToken: next } : {}) };
}

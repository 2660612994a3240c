/** getObject, putObject, deleteObject and copyObject. */
import { action, input } from "@junction/sdk";
import { accessKey } from "./connection";
import { uriEncode } from "./encoding";
import { unquote } from "./list-objects";
import { checkBucket, checkKey, s3Request, xmlOf } from "./s3-client";
import { childText } from "./xml";

const connectionInput = input({ label: "Connection", type: "credential", connection: accessKey, required: true });
const bucketInput = input({ label: "Bucket", type: "string", required: true });
const keyInput = input({ label: "Key", type: "string", required: true, description: 'the object\'s key, e.g. "reports/2024.csv"' });

export const getObject = action({
  label: "Get object",
  description: "Reads an object, as text (UTF-8) or as bytes.",
  inputs: {
    connection: connectionInput,
    bucket: bucketInput,
    key: keyInput,
    as: input({ label: "Read as", type: "picklist", options: ["text", "bytes"], default: "text" }),
  },
  perform: async (context, inputs) => {
    const bucket = checkBucket(inputs.bucket);
    const key = checkKey(inputs.key);
    const response = await s3Request(context, inputs.connection, { method: "GET", bucket, key });
    const bytes = await response.bytes();
    return {
      data: {
        key,
        body: inputs.as === "bytes" ? bytes : new TextDecoder().decode(bytes),
        size: bytes.byteLength,
        contentType: response.headers.get("content-type") ?? undefined,
        etag: unquote(response.headers.get("etag")),
        lastModified: isoOf(response.headers.get("last-modified")),
      },
    };
  },
});

export const putObject = action({
  label: "Put object",
  description: "Writes an object (creates it or replaces it).",
  inputs: {
    connection: connectionInput,
    bucket: bucketInput,
    key: keyInput,
    content: input({ label: "Content", type: "file", required: true, description: "text or bytes (a file from an earlier step)" }),
    contentType: input({ label: "Content type", type: "string", default: "application/octet-stream" }),
  },
  perform: async (context, inputs) => {
    const bucket = checkBucket(inputs.bucket);
    const key = checkKey(inputs.key);
    const response = await s3Request(context, inputs.connection, {
      method: "PUT",
      bucket,
      key,
      headers: { "content-type": inputs.contentType || "application/octet-stream" },
      body: inputs.content,
    });
    return { data: { bucket, key, size: inputs.content.byteLength, etag: unquote(response.headers.get("etag")) } };
  },
});

export const deleteObject = action({
  label: "Delete object",
  description: "Deletes an object (S3 answers the same whether it existed or not).",
  inputs: { connection: connectionInput, bucket: bucketInput, key: keyInput },
  perform: async (context, inputs) => {
    const bucket = checkBucket(inputs.bucket);
    const key = checkKey(inputs.key);
    await s3Request(context, inputs.connection, { method: "DELETE", bucket, key });
    return { data: { bucket, key, deleted: true } };
  },
});

export const copyObject = action({
  label: "Copy object",
  description: "Copies an object within the store (the bytes never pass through Junction).",
  inputs: {
    connection: connectionInput,
    sourceBucket: input({ label: "Source bucket", type: "string", required: true }),
    sourceKey: input({ label: "Source key", type: "string", required: true }),
    destinationBucket: input({ label: "Destination bucket", type: "string", required: true }),
    destinationKey: input({ label: "Destination key", type: "string", required: true }),
  },
  perform: async (context, inputs) => {
    const sourceBucket = checkBucket(inputs.sourceBucket, "sourceBucket");
    const sourceKey = checkKey(inputs.sourceKey, "sourceKey");
    const bucket = checkBucket(inputs.destinationBucket, "destinationBucket");
    const key = checkKey(inputs.destinationKey, "destinationKey");
    const req = {
      method: "PUT" as const,
      bucket,
      key,
      headers: { "x-amz-copy-source": `/${uriEncode(sourceBucket)}/${uriEncode(sourceKey, true)}` },
    };
    const doc = await xmlOf(await s3Request(context, inputs.connection, req), req);
    return {
      data: { bucket, key, etag: unquote(childText(doc, "ETag")), lastModified: isoOf(childText(doc, "LastModified") ?? null) },
    };
  },
});

function isoOf(date: string | null): string | undefined {
  if (!date) return undefined;
  const t = new Date(date);
  return isNaN(t.getTime()) ? undefined : t.toISOString();
}

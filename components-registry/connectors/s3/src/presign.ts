/** presignedUrl: a URL anyone can GET (download) or PUT (upload) until it expires, signed with SigV4 query parameters. */
import { action, input } from "@junction/sdk";
import { accessKey } from "./connection";
import { readS3Connection } from "./read-connection";
import { checkBucket, checkKey, locate } from "./s3-client";
import { presignQuery } from "./sigv4";

/** S3's longest: seven days */
export const MAX_EXPIRES_SECONDS = 604800;

export const presignedUrl = action({
  label: "Presigned URL",
  description: "A time-limited URL to download (GET) or upload (PUT) one object without credentials.",
  inputs: {
    connection: input({ label: "Connection", type: "credential", connection: accessKey, required: true }),
    bucket: input({ label: "Bucket", type: "string", required: true }),
    key: input({ label: "Key", type: "string", required: true }),
    method: input({ label: "Method", type: "picklist", options: ["GET", "PUT"], default: "GET" }),
    expiresSeconds: input({ label: "Expires in (seconds)", type: "number", default: 3600, description: "at most 604800 (7 days)" }),
  },
  perform: async (context, inputs) => {
    const c = readS3Connection(inputs.connection);
    const bucket = checkBucket(inputs.bucket);
    const key = checkKey(inputs.key);
    const expires = inputs.expiresSeconds;
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_SECONDS) {
      throw new Error(`expiresSeconds must be a whole number from 1 to ${MAX_EXPIRES_SECONDS} (7 days), got ${expires}`);
    }
    const where = locate(c, bucket, key);
    const now = new Date();
    const query = presignQuery(
      context.crypto,
      { method: inputs.method, host: where.host, path: where.path, query: [] },
      {
        credentials: c,
        region: c.region,
        service: "s3",
        now,
      },
      expires,
    );
    return {
      data: {
        url: `${where.protocol}://${where.host}${where.path}?${query}`,
        method: inputs.method,
        expiresAt: new Date(now.getTime() - (now.getTime() % 1000) + expires * 1000).toISOString(),
      },
    };
  },
});

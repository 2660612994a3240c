/** Reading an accessKey credential value into checked settings (no SDK import: unit tests load it directly). */

export interface S3Connection {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  /** scheme://host[:port] and an optional base path, without a trailing slash */
  endpoint?: { protocol: "http" | "https"; host: string; basePath: string };
  forcePathStyle: boolean;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : typeof value === "number" ? String(value) : undefined;

export function parseEndpoint(value: string): NonNullable<S3Connection["endpoint"]> {
  const m = /^(https?):\/\/([^/?#@\s]+)(\/[^?#\s]*)?$/i.exec(value);
  if (!m) throw new Error(`S3 connection: endpoint must be an http(s) URL such as https://minio.example.com:9000, got "${value}"`);
  const protocol = m[1].toLowerCase() as "http" | "https";
  // the Host header leaves out the scheme's default port, so the signature must too
  const host = m[2].toLowerCase().replace(protocol === "https" ? /:443$/ : /:80$/, "");
  return { protocol, host, basePath: (m[3] ?? "").replace(/\/+$/, "") };
}

/** Checks an accessKey credential value; errors name the field, never its secret. */
export function readS3Connection(value: unknown): S3Connection {
  if (typeof value !== "object" || value === null) throw new Error("S3 connection: expected the access key connection's fields");
  const v = value as Record<string, unknown>;
  const accessKeyId = text(v.accessKeyId);
  if (!accessKeyId) throw new Error("S3 connection: accessKeyId is required");
  const secretAccessKey = typeof v.secretAccessKey === "string" && v.secretAccessKey !== "" ? v.secretAccessKey : undefined;
  if (!secretAccessKey) throw new Error("S3 connection: secretAccessKey is required");
  const region = text(v.region) ?? "us-east-1";
  if (!/^[a-z0-9-]+$/.test(region)) throw new Error(`S3 connection: region must look like us-east-1, got "${region}"`);
  const endpoint = text(v.endpoint);
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: text(v.sessionToken),
    region,
    endpoint: endpoint ? parseEndpoint(endpoint) : undefined,
    forcePathStyle: v.forcePathStyle === true || v.forcePathStyle === "true",
  };
}

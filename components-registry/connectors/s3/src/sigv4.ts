/**
 * AWS Signature Version 4: the Authorization header for a request, and query-string presigning.
 * Hashing and HMAC come from `context.crypto` (the host), so the secret key never needs Node here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { toHex, uriEncode, utf8 } from "./encoding";

export interface SigningCrypto {
  hmac(algorithm: "sha256", key: string | Uint8Array, data: string | Uint8Array): Uint8Array;
  hash(algorithm: "sha256", data: string | Uint8Array): Uint8Array;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  /** the Host header as sent: host name, and ":port" when not the scheme's default */
  host: string;
  /** the path as sent, already URI-encoded (S3 encodes each key segment once) */
  path: string;
  /** query parameters, not encoded */
  query: [string, string][];
  /** headers to sign besides host (names in any case) */
  headers: Record<string, string>;
}

export interface SigningScope {
  credentials: AwsCredentials;
  region: string;
  service: string;
  now: Date;
}

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** 20150830T123600Z */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function canonicalQuery(query: [string, string][]): string {
  return query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function canonicalHeaders(host: string, headers: Record<string, string>): { block: string; signed: string } {
  const all = new Map<string, string>([["host", host]]);
  for (const [name, value] of Object.entries(headers)) all.set(name.toLowerCase(), String(value).trim().replace(/\s+/g, " "));
  const names = [...all.keys()].sort();
  return { block: names.map((n) => `${n}:${all.get(n)}\n`).join(""), signed: names.join(";") };
}

export function canonicalRequest(req: SignableRequest, payloadHash: string): { text: string; signedHeaders: string } {
  const { block, signed } = canonicalHeaders(req.host, req.headers);
  const text = [req.method.toUpperCase(), req.path || "/", canonicalQuery(req.query), block, signed, payloadHash].join("\n");
  return { text, signedHeaders: signed };
}

function credentialScope(scope: SigningScope): string {
  return `${amzDate(scope.now).slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(crypto: SigningCrypto, canonical: string, scope: SigningScope): string {
  return ["AWS4-HMAC-SHA256", amzDate(scope.now), credentialScope(scope), toHex(crypto.hash("sha256", canonical))].join("\n");
}

export function signature(crypto: SigningCrypto, toSign: string, scope: SigningScope): string {
  const kDate = crypto.hmac("sha256", utf8("AWS4" + scope.credentials.secretAccessKey), amzDate(scope.now).slice(0, 8));
  const kRegion = crypto.hmac("sha256", kDate, scope.region);
  const kService = crypto.hmac("sha256", kRegion, scope.service);
  const kSigning = crypto.hmac("sha256", kService, "aws4_request");
  return toHex(crypto.hmac("sha256", kSigning, toSign));
}

/**
 * The headers to send (besides Host): the request's own, x-amz-date, x-amz-security-token when
 * there is a session token, and authorization. `payloadHash` is the body's SHA-256 (hex) or
 * UNSIGNED-PAYLOAD; S3 also wants it in x-amz-content-sha256, which the caller adds to `headers`.
 */
export function signRequest(crypto: SigningCrypto, req: SignableRequest, payloadHash: string, scope: SigningScope): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers, "x-amz-date": amzDate(scope.now) };
  if (scope.credentials.sessionToken) headers["x-amz-security-token"] = scope.credentials.sessionToken;
  const { text, signedHeaders } = canonicalRequest({ ...req, headers }, payloadHash);
  const sig = signature(crypto, stringToSign(crypto, text, scope), scope);
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${credentialScope(scope)}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${sig}`;
  return headers;
}

/** The query string of a presigned URL (Host the only signed header; the payload unsigned). */
export function presignQuery(
  crypto: SigningCrypto,
  req: Omit<SignableRequest, "headers">,
  scope: SigningScope,
  expiresSeconds: number,
): string {
  const query: [string, string][] = [
    ...req.query,
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Credential", `${scope.credentials.accessKeyId}/${credentialScope(scope)}`],
    ["X-Amz-Date", amzDate(scope.now)],
    ["X-Amz-Expires", String(expiresSeconds)],
    ["X-Amz-SignedHeaders", "host"],
  ];
  if (scope.credentials.sessionToken) query.push(["X-Amz-Security-Token", scope.credentials.sessionToken]);
  const { text } = canonicalRequest({ ...req, query, headers: {} }, UNSIGNED_PAYLOAD);
  const sig = signature(crypto, stringToSign(crypto, text, scope), scope);
  return `${canonicalQuery(query)}&X-Amz-Signature=${sig}`;
}

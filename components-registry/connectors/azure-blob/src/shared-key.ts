/**
 * Azure Storage Shared Key authorization (version 2009-09-19 and later, Blob service).
 * https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key
 */
import { toBase64 } from "./encoding";

export interface SigningCrypto {
  hmac(algorithm: "sha256", key: string | Uint8Array, data: string | Uint8Array): Uint8Array;
}

export interface SharedKeyRequest {
  method: string;
  /** the URL's path as sent (encoded), e.g. /devstoreaccount1/container/blob%20name */
  path: string;
  /** query parameters, not encoded */
  query: [string, string][];
  /** every header sent (names in any case) */
  headers: Record<string, string>;
}

const STANDARD_HEADERS = [
  "content-encoding",
  "content-language",
  "content-length",
  "content-md5",
  "content-type",
  "date",
  "if-modified-since",
  "if-match",
  "if-none-match",
  "if-unmodified-since",
  "range",
];

export function stringToSign(accountName: string, req: SharedKeyRequest): string {
  const headers = new Map(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const standard = STANDARD_HEADERS.map((name) => {
    const value = headers.get(name) ?? "";
    // since version 2015-02-21 a zero length is signed as empty
    return name === "content-length" && value === "0" ? "" : value;
  });
  const msHeaders = [...headers.entries()]
    .filter(([name]) => name.startsWith("x-ms-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value.replace(/\s+/g, " ").trim()}\n`)
    .join("");
  const params = new Map<string, string[]>();
  for (const [k, v] of req.query) {
    const name = k.toLowerCase();
    params.set(name, [...(params.get(name) ?? []), v]);
  }
  const resource =
    `/${accountName}${req.path || "/"}` +
    [...params.keys()]
      .sort()
      .map((name) => `\n${name}:${params.get(name)!.sort().join(",")}`)
      .join("");
  return [req.method.toUpperCase(), ...standard].join("\n") + "\n" + msHeaders + resource;
}

export function sharedKeyAuthorization(crypto: SigningCrypto, accountName: string, key: Uint8Array, req: SharedKeyRequest): string {
  return `SharedKey ${accountName}:${toBase64(crypto.hmac("sha256", key, stringToSign(accountName, req)))}`;
}

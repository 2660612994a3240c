/** Bytes ↔ text helpers the sandbox lacks (no Buffer): hex, base64, UTF-8, RFC 3986 encoding. */

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (b < 16 ? "0" : "") + b.toString(16);
  return out;
}

/**
 * AWS's URI encoding: every byte but A–Z a–z 0–9 - . _ ~ as %XX (upper case), UTF-8 first;
 * `keepSlash` leaves "/" alone (object keys in paths).
 */
export function uriEncode(text: string, keepSlash = false): string {
  let out = "";
  for (const byte of utf8(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === "/")) out += c;
    else out += "%" + (byte < 16 ? "0" : "") + byte.toString(16).toUpperCase();
  }
  return out;
}

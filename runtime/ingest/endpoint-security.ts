/**
 * Per-flow endpoint security (`execution.endpointSecurity`, a Junction extension): the URL alone
 * (default), an API key the caller sends in `x-junction-api-key`, or an HMAC-SHA256 with a shared
 * secret in `x-junction-signature: sha256=<hex>` over `<x-junction-timestamp>.<raw body>`, the
 * timestamp (Unix seconds) within 5 minutes of ours, so a captured call cannot be replayed later.
 * The secrets are the instance's, sealed, rotatable.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { decryptJson } from "../security/secret-box";
import type { Endpoint } from "./endpoint-cache";

export interface EndpointSecrets {
  apiKey?: string;
  hmacSecret?: string;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const opened = new Map<string, EndpointSecrets>();
function secretsOf(endpoint: Endpoint): EndpointSecrets {
  if (!endpoint.endpointSecrets) return {};
  let s = opened.get(endpoint.endpointSecrets);
  if (!s) {
    s = decryptJson<EndpointSecrets>(endpoint.endpointSecrets);
    if (opened.size > 10_000) opened.clear();
    opened.set(endpoint.endpointSecrets, s);
  }
  return s;
}

/** Why the request is refused (401), or null when it may go on. */
export function checkEndpointSecurity(endpoint: Endpoint, headers: IncomingHttpHeaders, body: Buffer): string | null {
  if (endpoint.security === "none") return null;
  const secrets = secretsOf(endpoint);
  if (endpoint.security === "apiKey") {
    const given = headers["x-junction-api-key"];
    if (typeof given !== "string" || !given) return "this webhook needs an API key in the x-junction-api-key header";
    return secrets.apiKey && sameText(given, secrets.apiKey) ? null : "the API key is wrong";
  }
  const signature = headers["x-junction-signature"];
  if (typeof signature !== "string" || !signature.startsWith("sha256=")) {
    return `this webhook needs an HMAC-SHA256 signature in the x-junction-signature header (sha256=<hex>) ${SIGNED_TEXT}`;
  }
  const timestamp = headers["x-junction-timestamp"];
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) {
    return `this webhook needs the x-junction-timestamp header (Unix seconds) ${SIGNED_TEXT}`;
  }
  const skew = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (skew > MAX_SKEW_S)
    return `x-junction-timestamp is ${Math.round(skew)} s away from the server's clock; at most ${MAX_SKEW_S} s are accepted`;
  if (!secrets.hmacSecret) return "the signature is wrong";
  const expected = "sha256=" + createHmac("sha256", secrets.hmacSecret).update(`${timestamp}.`).update(body).digest("hex");
  return sameText(signature, expected) ? null : "the signature is wrong";
}

/** how far a signed call's timestamp may be from now, either way (clock skew and transit) */
export const MAX_SKEW_S = 300;
const SIGNED_TEXT = "over `<x-junction-timestamp>.<raw body>`";

/** the headers a caller sends for an HMAC-secured webhook (tests, the CLI, docs' examples) */
export function signWebhook(secret: string, body: string | Buffer, at = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  const hex = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
  return { "x-junction-timestamp": timestamp, "x-junction-signature": `sha256=${hex}` };
}

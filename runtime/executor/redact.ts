/**
 * Credentials never reach what a run leaves behind in clear: censored inputs replace them
 * structurally (resolve-inputs.ts); log lines, error messages, step results, the run's result and
 * persisted data are scrubbed of their values here — the values as given and as code commonly
 * re-encodes them (base64, base64url, URL-encoded, and `user:password` in base64 as HTTP Basic
 * sends it), so `btoa(apiKey)` in a result is caught as well.
 */
export const REDACTED = "[redacted]";

/** Shorter values would scrub ordinary words; a credential field that short is not a secret. */
const MIN_SECRET_LENGTH = 4;

/**
 * Fields of the credential types (CREDENTIAL_SCHEMAS) and of the connectors' connections that name,
 * locate or configure, not authenticate: scrubbing them would blank ordinary text (a host, a user
 * name, a database, "disable") in every result and log. Every other string of a credential — key,
 * password, token, clientSecret, privateKey, passphrase, connectionString, or a field of a shape we
 * do not know (a third party's connection) — is a secret.
 */
const NOT_SECRET = new Set([
  "headerName",
  "username",
  "tokenUrl",
  "clientId",
  "scopes",
  "host",
  "port",
  "hostKeySha256",
  // connection fields of the connectors (components-registry/connectors/*/src/connection.ts)
  "user",
  "database",
  "vhost",
  "tls",
  "secure",
  "caCertificate",
  "region",
  "endpoint",
  "forcePathStyle",
  "accountName",
  "blobEndpoint",
  "apiBaseUrl",
  // an OAuth 2.0 connection's access token comes with these
  "tokenType",
  "scope",
  "expiresAt",
]);

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.length >= MIN_SECRET_LENGTH) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, out);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    // as HTTP Basic sends them (base64 of the pair hides the secret's own base64)
    const pair = (id: unknown, secret: unknown) => {
      if (typeof id !== "string" || typeof secret !== "string") return;
      out.add(`${id}:${secret}`);
      out.add(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`);
    };
    pair(record.username, record.password);
    pair(record.clientId, record.clientSecret);
    for (const [field, item] of Object.entries(record)) if (!NOT_SECRET.has(field)) collectStrings(item, out);
  }
}

/** the forms a secret is commonly found in besides itself */
function encodings(secret: string): string[] {
  const base64 = Buffer.from(secret, "utf8").toString("base64");
  const unpadded = base64.replace(/=+$/, "");
  return [
    secret,
    base64,
    unpadded,
    unpadded.replace(/\+/g, "-").replace(/\//g, "_"),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
  ];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface Scrubber {
  /** the text with every secret replaced by REDACTED */
  (text: string): string;
  /** true when the run has secrets to scrub */
  readonly active: boolean;
  /** a value with its strings scrubbed: the same value when nothing changed (nothing is copied) */
  value<T>(value: T): T;
}

const identity: Scrubber = Object.assign((text: string) => text, { active: false, value: <T>(v: T) => v });

/** A scrubber for the credential config values of a run; identity when there are none. */
export function secretScrubber(
  configVars: Record<string, unknown>,
  credentialKeys: ReadonlySet<string>,
  /** secrets no longer in the config values (an access token since renewed) */
  former: readonly string[] = [],
): Scrubber {
  const secrets = new Set<string>();
  for (const key of credentialKeys) collectStrings(configVars[key], secrets);
  for (const secret of former) collectStrings(secret, secrets);
  if (secrets.size === 0) return identity;
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of encodings(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  // one alternation, longest first, so a secret that contains another is removed whole
  const pattern = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|"),
    "g",
  );
  const scrub = (text: string) => {
    pattern.lastIndex = 0;
    return pattern.test(text) ? text.replace(pattern, REDACTED) : text;
  };
  const value = <T>(v: T): T => scrubValue(v, scrub) as T;
  return Object.assign(scrub, { active: true, value });
}

function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = scrubValue(value[i], scrub);
      if (next !== value[i]) (copy ??= value.slice())[i] = next;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const key = scrub(k);
    const next = scrubValue(v, scrub);
    if (next !== v || key !== k) {
      copy ??= { ...(value as Record<string, unknown>) };
      if (key !== k) delete copy[k];
      copy[key] = next;
    }
  }
  return copy ?? value;
}

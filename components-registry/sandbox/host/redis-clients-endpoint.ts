/**
 * Checks the host/port/sign-in/TLS fields that the Redis, AMQP and SMTP connections share, and
 * builds the TLS options for a socket to the resolved address (certificate checked against the
 * host NAME). Used by redis-clients.ts, amqp-clients.ts and smtp-clients.ts. Errors name the
 * field; the password never appears in them.
 */
import { isIP } from "node:net";
import { checkServerIdentity, type ConnectionOptions } from "node:tls";

export interface CheckedTls {
  rejectUnauthorized: boolean;
  ca?: string;
  servername?: string;
}

export interface CheckedEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls: false | CheckedTls;
}

export const describeValue = (v: unknown) =>
  v === undefined ? "nothing" : v === null ? "null" : typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : typeof v;

/** the connection object an action passed, or an error listing the fields `what` takes */
export function connectionObject(what: string, value: unknown, fields: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${what} connection: expected an object { ${fields} }`);
  }
  return value as Record<string, unknown>;
}

export function checkEndpoint(what: string, c: Record<string, unknown>, defaultPort: number, tlsPort = defaultPort): CheckedEndpoint {
  if (typeof c.host !== "string" || c.host.trim() === "") {
    throw new Error(`${what} connection: host must be non-empty text, got ${describeValue(c.host)}`);
  }
  const host = c.host.trim();
  if (/[\s/@]/.test(host)) throw new Error(`${what} connection: host must be a host name or address, got ${describeValue(host)}`);
  const tls = checkTls(what, c.tls);
  let port = tls ? tlsPort : defaultPort;
  if (c.port !== undefined && c.port !== null && c.port !== "") {
    port = typeof c.port === "string" && /^\d+$/.test(c.port.trim()) ? Number(c.port) : (c.port as number);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${what} connection: port must be a whole number from 1 to 65535, got ${describeValue(c.port)}`);
    }
  }
  const out: CheckedEndpoint = { host, port, tls };
  if (c.username !== undefined && c.username !== null && c.username !== "") {
    if (typeof c.username !== "string") throw new Error(`${what} connection: username must be text`);
    out.username = c.username;
  }
  if (c.password !== undefined && c.password !== null && c.password !== "") {
    // the value itself never goes into a message
    if (typeof c.password !== "string") throw new Error(`${what} connection: password must be text`);
    out.password = c.password;
  }
  return out;
}

export function checkTls(what: string, tls: unknown): false | CheckedTls {
  if (tls === undefined || tls === null || tls === false) return false;
  if (tls === true) return { rejectUnauthorized: true };
  if (typeof tls !== "object" || Array.isArray(tls)) {
    throw new Error(`${what} connection: tls must be true, false or { rejectUnauthorized?, ca?, servername? }, got ${describeValue(tls)}`);
  }
  const t = tls as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!["rejectUnauthorized", "ca", "servername"].includes(key)) throw new Error(`${what} connection: tls has an unknown field "${key}"`);
  }
  if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== "boolean") {
    throw new Error(`${what} connection: tls.rejectUnauthorized must be true or false`);
  }
  if (t.ca !== undefined && (typeof t.ca !== "string" || !t.ca.includes("-----BEGIN"))) {
    throw new Error(`${what} connection: tls.ca must be a PEM certificate (-----BEGIN CERTIFICATE-----…)`);
  }
  if (t.servername !== undefined && (typeof t.servername !== "string" || t.servername === "")) {
    throw new Error(`${what} connection: tls.servername must be a host name`);
  }
  const out: CheckedTls = { rejectUnauthorized: t.rejectUnauthorized !== false };
  if (t.ca) out.ca = t.ca as string;
  if (t.servername) out.servername = t.servername as string;
  return out;
}

/**
 * Node TLS options for a socket to the host's resolved address: SNI and the certificate check use
 * the host name the connection names (or tls.servername), never the address connected to.
 */
export function tlsSocketOptions(host: string, tls: CheckedTls): ConnectionOptions {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const servername = tls.servername ?? (isIP(bare) ? undefined : bare);
  const options: ConnectionOptions = { rejectUnauthorized: tls.rejectUnauthorized };
  if (servername) options.servername = servername;
  const identity = servername ?? bare;
  options.checkServerIdentity = (_host, cert) => checkServerIdentity(identity, cert);
  if (tls.ca) options.ca = tls.ca;
  return options;
}

/** a driver's message without the password, should a server ever echo it */
export function withoutSecret(message: string, password: string | undefined): string {
  return password && password.length >= 4 ? message.split(password).join("***") : message;
}

/**
 * Checks the SqlConnection an action passes and turns it into the options the drivers take.
 * Errors name the field and never show the password.
 */
import { isIP } from "node:net";
import { checkServerIdentity, type ConnectionOptions } from "node:tls";
import type { SqlConnection, TlsSetting } from "@/components-registry/sdk/context";

export interface CheckedSqlConnection {
  engine: "postgres" | "mysql";
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  tls: false | { rejectUnauthorized: boolean; ca?: string; servername?: string };
}

const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const;

const describe = (v: unknown) =>
  v === undefined ? "nothing" : v === null ? "null" : typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : typeof v;

function text(c: Record<string, unknown>, field: string): string {
  const v = c[field];
  if (typeof v !== "string" || v.trim() === "") throw new Error(`SQL connection: ${field} must be non-empty text, got ${describe(v)}`);
  return v.trim();
}

export function checkSqlConnection(value: unknown): CheckedSqlConnection {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("SQL connection: expected an object { engine, host, port?, database, user, password?, tls? }");
  }
  const c = value as Record<string, unknown>;
  if (c.engine !== "postgres" && c.engine !== "mysql") {
    throw new Error(`SQL connection: engine must be "postgres" or "mysql", got ${describe(c.engine)}`);
  }
  const host = text(c, "host");
  if (/[\s/]/.test(host)) throw new Error(`SQL connection: host must be a host name or address, got ${describe(host)}`);
  let port: number = DEFAULT_PORTS[c.engine];
  if (c.port !== undefined && c.port !== null && c.port !== "") {
    port = typeof c.port === "string" && /^\d+$/.test(c.port.trim()) ? Number(c.port) : (c.port as number);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`SQL connection: port must be a whole number from 1 to 65535, got ${describe(c.port)}`);
    }
  }
  const checked: CheckedSqlConnection = {
    engine: c.engine,
    host,
    port,
    database: text(c, "database"),
    user: text(c, "user"),
    tls: checkTls(c.tls as TlsSetting | undefined),
  };
  if (c.password !== undefined && c.password !== null) {
    // the value itself never goes into a message
    if (typeof c.password !== "string") throw new Error("SQL connection: password must be text");
    checked.password = c.password;
  }
  return checked;
}

function checkTls(tls: unknown): CheckedSqlConnection["tls"] {
  if (tls === undefined || tls === null || tls === false) return false;
  if (tls === true) return { rejectUnauthorized: true };
  if (typeof tls !== "object" || Array.isArray(tls)) {
    throw new Error(`SQL connection: tls must be true, false or { rejectUnauthorized?, ca?, servername? }, got ${describe(tls)}`);
  }
  const t = tls as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!["rejectUnauthorized", "ca", "servername"].includes(key)) throw new Error(`SQL connection: tls has an unknown field "${key}"`);
  }
  if (t.rejectUnauthorized !== undefined && typeof t.rejectUnauthorized !== "boolean") {
    throw new Error("SQL connection: tls.rejectUnauthorized must be true or false");
  }
  if (t.ca !== undefined && (typeof t.ca !== "string" || !t.ca.includes("-----BEGIN"))) {
    throw new Error("SQL connection: tls.ca must be a PEM certificate (-----BEGIN CERTIFICATE-----…)");
  }
  if (t.servername !== undefined && (typeof t.servername !== "string" || t.servername === "")) {
    throw new Error("SQL connection: tls.servername must be a host name");
  }
  const out: Exclude<CheckedSqlConnection["tls"], false> = { rejectUnauthorized: t.rejectUnauthorized !== false };
  if (t.ca) out.ca = t.ca as string;
  if (t.servername) out.servername = t.servername as string;
  return out;
}

/**
 * Node TLS options for a socket to `host`'s resolved address: the certificate is checked against the
 * host NAME (servername), not the address connected to. Unverified only when the connection says so.
 */
export function tlsOptions(c: CheckedSqlConnection): ConnectionOptions | false {
  if (!c.tls) return false;
  const servername = c.tls.servername ?? (isIP(c.host.replace(/^\[(.*)\]$/, "$1")) ? undefined : c.host);
  const options: ConnectionOptions = { rejectUnauthorized: c.tls.rejectUnauthorized };
  if (servername) options.servername = servername;
  // an address given as the host is checked against the certificate's IP names (Node would check "localhost")
  const identity = servername ?? c.host.replace(/^\[(.*)\]$/, "$1");
  options.checkServerIdentity = (_host, cert) => checkServerIdentity(identity, cert);
  if (c.tls.ca) options.ca = c.tls.ca;
  return options;
}

/** the driver's message without the password, should a server ever echo it */
export function withoutPassword(message: string, c: Pick<SqlConnection, "password">): string {
  const p = c.password;
  return p && p.length >= 4 ? message.split(p).join("***") : message;
}

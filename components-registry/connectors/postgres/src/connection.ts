/** The PostgreSQL database connection, and its value turned into the host's SqlConnection. */
import { connection, type SqlConnection } from "@junction/sdk";

export const TLS_MODES = ["disable", "require", "verify-full"] as const;

export const database = connection({
  key: "database",
  label: "PostgreSQL database",
  description: "A PostgreSQL server, a database on it and the user to sign in as.",
  fields: {
    host: { label: "Host", type: "string", required: true, description: "host name or address of the server" },
    port: { label: "Port", type: "number", default: 5432 },
    database: { label: "Database", type: "string", required: true },
    user: { label: "User", type: "string", required: true },
    password: { label: "Password", type: "password" },
    tls: {
      label: "TLS",
      type: "picklist",
      options: TLS_MODES,
      default: "verify-full",
      description:
        "disable: plain TCP; require: encrypted, the certificate is not checked; verify-full: encrypted, the certificate must be valid for the host name",
    },
    caCertificate: {
      label: "CA certificate",
      type: "text",
      description: "PEM certificate of a private CA the server's certificate is checked against (verify-full)",
    },
  },
});

/** the credential's fields as the host's `context.sql` takes them; bad ones are named */
export function toSqlConnection(value: unknown): SqlConnection {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected a PostgreSQL database connection { host, port, database, user, password, tls }");
  }
  const v = value as Record<string, unknown>;
  const tls = v.tls === undefined || v.tls === null || v.tls === "" ? "verify-full" : v.tls;
  if (!TLS_MODES.includes(tls as (typeof TLS_MODES)[number])) {
    throw new Error(`tls must be one of ${TLS_MODES.join(", ")}, got ${JSON.stringify(tls)}`);
  }
  const ca = typeof v.caCertificate === "string" && v.caCertificate.trim() !== "" ? v.caCertificate : undefined;
  return {
    engine: "postgres",
    host: v.host as string,
    port: v.port === undefined || v.port === null || v.port === "" ? undefined : Number(v.port),
    database: v.database as string,
    user: v.user as string,
    password: typeof v.password === "string" ? v.password : undefined,
    tls: tls === "disable" ? false : tls === "require" ? { rejectUnauthorized: false } : ca ? { ca } : true,
  };
}

/** The Redis server connection, and its value turned into the host's RedisConnection. */
import { connection, type RedisConnection } from "@junction/sdk";

export const TLS_MODES = ["disable", "require", "verify-full"] as const;

export const redisServer = connection({
  key: "redis",
  label: "Redis server",
  description: "A Redis server (or a compatible one: Valkey, KeyDB), the database on it and how to sign in.",
  fields: {
    host: { label: "Host", type: "string", required: true, description: "host name or address of the server" },
    port: { label: "Port", type: "number", default: 6379 },
    username: { label: "Username", type: "string", description: "an ACL user (Redis 6+); leave empty for the default user" },
    password: { label: "Password", type: "password" },
    database: { label: "Database", type: "number", default: 0, description: "the database number the commands use" },
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

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** the credential's fields as the host's `context.redis` takes them; bad ones are named */
export function toRedisConnection(value: unknown): RedisConnection {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected a Redis server connection { host, port, username, password, database, tls }");
  }
  const v = value as Record<string, unknown>;
  const tls = blank(v.tls) ? "verify-full" : v.tls;
  if (!TLS_MODES.includes(tls as (typeof TLS_MODES)[number])) {
    throw new Error(`tls must be one of ${TLS_MODES.join(", ")}, got ${JSON.stringify(tls)}`);
  }
  const ca = typeof v.caCertificate === "string" && v.caCertificate.trim() !== "" ? v.caCertificate : undefined;
  return {
    host: v.host as string,
    port: blank(v.port) ? undefined : Number(v.port),
    username: blank(v.username) ? undefined : (v.username as string),
    password: typeof v.password === "string" && v.password !== "" ? v.password : undefined,
    database: blank(v.database) ? undefined : Number(v.database),
    tls: tls === "disable" ? false : tls === "require" ? { rejectUnauthorized: false } : ca ? { ca } : true,
  };
}

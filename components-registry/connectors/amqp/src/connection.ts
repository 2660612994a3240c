/** The AMQP broker connection, and its value turned into the host's AmqpConnection. */
import { connection, input, type AmqpConnection } from "@junction/sdk";

export const TLS_MODES = ["disable", "require", "verify-full"] as const;

export const amqpBroker = connection({
  key: "broker",
  label: "AMQP broker",
  description: "An AMQP 0-9-1 broker (RabbitMQ), the virtual host on it and the user to sign in as.",
  fields: {
    host: { label: "Host", type: "string", required: true, description: "host name or address of the broker" },
    port: { label: "Port", type: "number", description: "5672, or 5671 with TLS (empty: the one that goes with the TLS setting)" },
    username: { label: "Username", type: "string", required: true },
    password: { label: "Password", type: "password" },
    vhost: { label: "Virtual host", type: "string", default: "/" },
    tls: {
      label: "TLS",
      type: "picklist",
      options: TLS_MODES,
      default: "verify-full",
      description:
        "disable: plain TCP (amqp); require: encrypted (amqps), the certificate is not checked; verify-full: encrypted, the certificate must be valid for the host name",
    },
    caCertificate: {
      label: "CA certificate",
      type: "text",
      description: "PEM certificate of a private CA the broker's certificate is checked against (verify-full)",
    },
  },
});

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** the credential's fields as the host's `context.amqp` takes them; bad ones are named */
export function toAmqpConnection(value: unknown): AmqpConnection {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected an AMQP broker connection { host, port, username, password, vhost, tls }");
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
    password: typeof v.password === "string" ? v.password : undefined,
    vhost: blank(v.vhost) ? "/" : (v.vhost as string),
    tls: tls === "disable" ? false : tls === "require" ? { rejectUnauthorized: false } : ca ? { ca } : true,
  };
}

/** the connection input every action and the queue trigger take: the credential, cleaned into an AmqpConnection */
export const CONNECTION_INPUT = input({
  label: "Connection",
  type: "credential",
  connection: amqpBroker,
  required: true,
  clean: toAmqpConnection,
});

/** The SMTP server connection, and its value turned into the host's SmtpConnection. */
import { connection, type SmtpConnection } from "@junction/sdk";

export const TLS_MODES = ["verify-full", "require", "when-offered", "disable"] as const;

export const smtpServer = connection({
  key: "smtp",
  label: "SMTP server",
  description: "The SMTP server mail is sent through (submission, port 587 or 465) and how to sign in.",
  fields: {
    host: { label: "Host", type: "string", required: true, description: "e.g. smtp.example.com" },
    port: { label: "Port", type: "number", description: "empty: 587, or 465 when Secure" },
    secure: {
      label: "Secure (TLS from the start)",
      type: "boolean",
      default: false,
      description: "on for port 465 (implicit TLS); off for 587 and 25, where TLS starts with STARTTLS",
    },
    username: { label: "Username", type: "string" },
    password: { label: "Password", type: "password" },
    tls: {
      label: "TLS",
      type: "picklist",
      options: TLS_MODES,
      default: "verify-full",
      description:
        "verify-full: TLS required (STARTTLS unless Secure), the certificate must be valid for the host name; require: TLS required, the certificate is not checked; when-offered: STARTTLS when the server offers it (checked); disable: plain text, never TLS",
    },
    caCertificate: {
      label: "CA certificate",
      type: "text",
      description: "PEM certificate of a private CA the server's certificate is checked against (verify-full)",
    },
  },
});

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** the credential's fields as the host's `context.smtp` takes them; bad ones are named */
export function toSmtpConnection(value: unknown): SmtpConnection {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("expected an SMTP server connection { host, port, secure, username, password, tls }");
  }
  const v = value as Record<string, unknown>;
  const tls = blank(v.tls) ? "verify-full" : v.tls;
  if (!TLS_MODES.includes(tls as (typeof TLS_MODES)[number])) {
    throw new Error(`tls must be one of ${TLS_MODES.join(", ")}, got ${JSON.stringify(tls)}`);
  }
  const secure = v.secure === true || v.secure === "true";
  if (secure && tls === "disable") throw new Error('Secure (TLS from the start) cannot go with tls "disable"');
  const ca = typeof v.caCertificate === "string" && v.caCertificate.trim() !== "" ? v.caCertificate : undefined;
  const out: SmtpConnection = {
    host: v.host as string,
    port: blank(v.port) ? undefined : Number(v.port),
    secure,
    username: blank(v.username) ? undefined : (v.username as string),
    password: typeof v.password === "string" && v.password !== "" ? v.password : undefined,
  };
  if (tls === "verify-full") out.tls = ca ? { ca } : true;
  else if (tls === "require") out.tls = { rejectUnauthorized: false };
  else if (tls === "disable") out.tls = false;
  // when-offered: no tls field, the host takes STARTTLS when the server offers it
  return out;
}

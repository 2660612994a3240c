/**
 * SMTP for actions: `context.smtp.send(connection, message)` sends through nodemailer on the host.
 * The server's address passes the network policy first and nodemailer connects to that address
 * (SNI and the certificate check use the host name). Per (execution, connection value) one pooled
 * transport holding one SMTP connection, reused by the execution's sends and closed with it.
 *
 * TLS: `secure` is TLS from the first byte (port 465). Otherwise `tls` decides STARTTLS: false =
 * plain, never upgraded; true or { … } = STARTTLS required (the send fails if the server does not
 * offer it); absent = STARTTLS when offered. Certificates are checked unless
 * tls.rejectUnauthorized is false.
 *
 * A send still running when the action call ends (timeout, cancel) is stopped: the call's signal
 * goes to nodemailer, which closes the connection delivering it.
 *
 * Addresses are checked before anything is sent (errors name the field); a message's text, HTML
 * and attachments together may be at most JUNCTION_SMTP_MAX_MB (25 by default). Attachments are
 * only the bytes or text given: nodemailer's file and URL access is off, so nothing on the host or
 * its network is read into a message.
 */
import addressparser from "nodemailer/lib/addressparser";
import { createTransport, type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type { MailMessage } from "@/components-registry/sdk/context";
import type { NetworkPolicy } from "../limits";
import { PooledHostClients } from "./execution-pool";
import type { HostCall } from "./host-clients";
import { resolveAllowedAddress } from "./network-guard";
import {
  checkEndpoint,
  connectionObject,
  describeValue,
  tlsSocketOptions,
  withoutSecret,
  type CheckedEndpoint,
} from "./redis-clients-endpoint";

const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 60_000;
export const DEFAULT_SMTP_MAX_MB = 25;

interface CheckedSmtpConnection extends CheckedEndpoint {
  secure: boolean;
  /** how the connection named TLS: absent means STARTTLS when offered */
  tlsGiven: boolean;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** JUNCTION_SMTP_MAX_MB in bytes */
export function smtpMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.JUNCTION_SMTP_MAX_MB;
  if (raw === undefined || raw.trim() === "") return DEFAULT_SMTP_MAX_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`JUNCTION_SMTP_MAX_MB must be a positive number, got ${JSON.stringify(raw)}`);
  return Math.floor(mb * 1024 * 1024);
}

export class SmtpClients extends PooledHostClients<Transporter<SMTPPool.SentMessageInfo>> {
  private maxBytes: number;

  constructor(policy: NetworkPolicy, idleMs: number, maxBytes = smtpMaxBytes()) {
    super(policy, idleMs, "SMTP");
    this.maxBytes = maxBytes;
  }

  async call(call: HostCall, method: string, connection: unknown, args: unknown[]): Promise<SendResult> {
    if (method !== "send") throw new Error(`Unknown SMTP operation "${method}" (smtp.send is the only one)`);
    const c = checkSmtpConnection(connection);
    const message = checkMessage(args[0], this.maxBytes);
    if (call.signal.aborted) throw new Error("The action call has ended");
    let transport: Transporter<SMTPPool.SentMessageInfo>;
    try {
      transport = await this.pool.get(call.executionId, c);
    } catch (err) {
      throw failure(err, c);
    }
    try {
      // a send still running when the call ends (timeout, cancel): nodemailer closes the connection delivering it
      const info = await this.pool.use(call.executionId, c, () => transport.sendMail({ ...message, signal: call.signal }));
      const addr = (a: unknown) => (typeof a === "string" ? a : String((a as { address?: string })?.address ?? a));
      return {
        messageId: String(info.messageId ?? ""),
        accepted: (info.accepted ?? []).map(addr),
        rejected: (info.rejected ?? []).map(addr),
      };
    } catch (err) {
      if (call.signal.aborted)
        throw new Error("The action call ended while the message was being sent (the SMTP connection was closed)", { cause: err });
      throw failure(err, c);
    }
  }

  protected async close(client: Transporter<SMTPPool.SentMessageInfo>): Promise<void> {
    client.close();
  }

  protected async open(c: CheckedSmtpConnection): Promise<Transporter<SMTPPool.SentMessageInfo>> {
    const to = await resolveAllowedAddress(c.host, this.policy);
    // a STARTTLS taken when offered is checked as strictly as a required one
    const tls = tlsSocketOptions(c.host, c.tls || { rejectUnauthorized: true });
    const options: SMTPPool.Options = {
      pool: true,
      maxConnections: 1,
      host: to.address,
      port: c.port,
      secure: c.secure,
      // without it nodemailer would present and check the address instead of the host name
      servername: tls.servername,
      tls,
      requireTLS: !c.secure && c.tlsGiven && c.tls !== false,
      ignoreTLS: !c.secure && c.tlsGiven && c.tls === false,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    };
    if (c.username !== undefined) options.auth = { user: c.username, pass: c.password ?? "" };
    return createTransport(options);
  }
}

function failure(err: unknown, c: CheckedSmtpConnection): Error {
  const e = err as Error & { code?: string; responseCode?: number; response?: string };
  if (e?.name === "NetworkPolicyError" || /JUNCTION_/.test(String(e?.message))) return e;
  const code = [e?.code, e?.responseCode].filter(Boolean).join(" ");
  return new Error(withoutSecret(`SMTP at ${c.host}:${c.port}: ${String(e?.message ?? err)}${code ? ` (${code})` : ""}`, c.password), {
    cause: err,
  });
}

function checkSmtpConnection(value: unknown): CheckedSmtpConnection {
  const c = connectionObject("SMTP", value, "host, port?, secure?, username?, password?, tls?");
  if (c.secure !== undefined && c.secure !== null && typeof c.secure !== "boolean") {
    throw new Error(`SMTP connection: secure must be true or false, got ${describeValue(c.secure)}`);
  }
  const secure = c.secure === true;
  if (secure && c.tls === false) throw new Error("SMTP connection: secure (TLS from the first byte) cannot have tls: false");
  const endpoint = checkEndpoint(
    "SMTP",
    { ...c, tls: secure && (c.tls === undefined || c.tls === null) ? true : c.tls },
    secure ? 465 : 587,
  );
  return { ...endpoint, secure, tlsGiven: c.tls !== undefined && c.tls !== null };
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

/** parses "a@x.com, Name <b@y.org>" or a list of them; every address must be user@domain */
function addresses(value: unknown, field: string): string[] {
  if (value === undefined || value === null || value === "") return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== "string")
      throw new Error(`smtp.send: ${field} must be an email address or a list of them, got ${describeValue(item)}`);
    if (/[\r\n]/.test(item)) throw new Error(`smtp.send: ${field} must not contain line breaks`);
    const parsed = addressparser(item, { flatten: true }) as { name: string; address: string }[];
    if (parsed.length === 0) throw new Error(`smtp.send: ${field}: ${describeValue(item)} is not an email address`);
    for (const p of parsed) {
      if (!p.address || !ADDRESS.test(p.address)) {
        throw new Error(`smtp.send: ${field}: ${describeValue(p.address || p.name || item)} is not an email address (user@domain)`);
      }
      out.push(p.name ? `"${p.name.replace(/["\\]/g, "")}" <${p.address}>` : p.address);
    }
  }
  return out;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new Error(`smtp.send: ${field} must be text, got ${describeValue(value)}`);
  return value;
}

interface NodemailerMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  attachments: { filename: string; content: string | Buffer; contentType?: string }[];
  disableFileAccess: true;
  disableUrlAccess: true;
}

function checkMessage(value: unknown, maxBytes: number): NodemailerMessage {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("smtp.send: expected a message { from, to, cc?, bcc?, replyTo?, subject, text?, html?, attachments? }");
  }
  const m = value as MailMessage & Record<string, unknown>;
  const from = addresses(m.from, "from");
  if (from.length !== 1) throw new Error("smtp.send: from must be exactly one email address");
  const to = addresses(m.to, "to");
  const cc = addresses(m.cc, "cc");
  const bcc = addresses(m.bcc, "bcc");
  if (to.length + cc.length + bcc.length === 0) throw new Error("smtp.send: give at least one recipient in to, cc or bcc");
  const replyTo = addresses(m.replyTo, "replyTo");
  if (replyTo.length > 1) throw new Error("smtp.send: replyTo must be one email address");
  const subject = optionalText(m.subject, "subject") ?? "";
  if (/[\r\n]/.test(subject)) throw new Error("smtp.send: subject must be one line");
  const text = optionalText(m.text, "text");
  const html = optionalText(m.html, "html");
  let size = Buffer.byteLength(subject) + Buffer.byteLength(text ?? "") + Buffer.byteLength(html ?? "");
  const attachments: NodemailerMessage["attachments"] = [];
  if (m.attachments !== undefined && m.attachments !== null) {
    if (!Array.isArray(m.attachments)) throw new Error("smtp.send: attachments must be a list of { filename, content, contentType? }");
    m.attachments.forEach((a: unknown, i: number) => {
      const where = `smtp.send: attachments[${i}]`;
      if (typeof a !== "object" || a === null || Array.isArray(a)) throw new Error(`${where} must be { filename, content, contentType? }`);
      const att = a as Record<string, unknown>;
      if (typeof att.filename !== "string" || att.filename.trim() === "" || /[\r\n]/.test(att.filename)) {
        throw new Error(`${where}.filename must be a one-line, non-empty name`);
      }
      let content: string | Buffer;
      if (typeof att.content === "string") content = att.content;
      else if (att.content instanceof Uint8Array) content = Buffer.from(att.content);
      else throw new Error(`${where}.content must be text or bytes (a file), got ${describeValue(att.content)}`);
      const contentType = optionalText(att.contentType, `attachments[${i}].contentType`);
      if (contentType !== undefined && !/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType)) {
        throw new Error(`${where}.contentType must be a media type like "application/pdf", got ${describeValue(contentType)}`);
      }
      size += typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
      attachments.push({ filename: att.filename.trim(), content, ...(contentType ? { contentType } : {}) });
    });
  }
  if (size > maxBytes) {
    throw new Error(
      `smtp.send: the message's text, HTML and attachments add up to ${(size / 1024 / 1024).toFixed(1)} MB, more than ${maxBytes / 1024 / 1024} MB (JUNCTION_SMTP_MAX_MB)`,
    );
  }
  const out: NodemailerMessage = {
    from: from[0],
    to,
    cc,
    bcc,
    subject,
    attachments,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  if (replyTo.length === 1) out.replyTo = replyTo[0];
  if (text !== undefined) out.text = text;
  if (html !== undefined) out.html = html;
  return out;
}

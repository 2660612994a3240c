/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a random port): keeps each received
 * message's envelope and raw MIME, counts connections, optionally requires a sign-in and rejects
 * chosen recipients. Plus a small reader for the raw MIME (headers, a named attachment's bytes).
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface Received {
  from: string;
  to: string[];
  raw: string;
  /** whether the message came over TLS (STARTTLS or secure) */
  secure: boolean;
  /** who signed in, if anyone */
  user?: string;
}

export interface TestSmtpServer {
  port: number;
  messages: Received[];
  /** connections opened so far, and closed so far */
  connections: { opened: number; closed: number };
  stop(): Promise<void>;
}

export async function startSmtpServer(
  options: {
    user?: string;
    password?: string;
    rejectRecipients?: string[];
    /** answer DATA this late */ delayDataMs?: number;
  } & Partial<SMTPServerOptions> = {},
): Promise<TestSmtpServer> {
  const { user, password, rejectRecipients = [], delayDataMs = 0, ...rest } = options;
  const messages: Received[] = [];
  const connections = { opened: 0, closed: 0 };
  const server = new SMTPServer({
    authOptional: !user,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    ...rest,
    onConnect(_session, cb) {
      connections.opened++;
      cb();
    },
    onClose() {
      connections.closed++;
    },
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) cb(null, { user: auth.username });
      else cb(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, cb) {
      if (rejectRecipients.includes(address.address)) cb(new Error(`550 ${address.address}: no such user`));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("latin1"),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        setTimeout(cb, delayDataMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** a top-level header, unfolded */
export function mimeHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** the decoded body of the MIME part whose Content-Disposition names `filename` */
export function mimeAttachment(raw: string, filename: string): { contentType: string; bytes: Buffer } | undefined {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  for (const boundary of boundaries) {
    for (const part of raw.split(`--${boundary}`)) {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
      if (!new RegExp(`filename="?${filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?`, "i").test(head)) continue;
      const body = part.slice(split).trim();
      const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1].toLowerCase();
      const contentType = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1].trim() ?? "";
      const bytes = encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : Buffer.from(body, "latin1");
      return { contentType, bytes };
    }
  }
  return undefined;
}

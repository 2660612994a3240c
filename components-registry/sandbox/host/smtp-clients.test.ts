/**
 * context.smtp through the real sandbox against a real SMTP server (smtp-server on 127.0.0.1):
 * the network policy, a message with attachments arriving intact, STARTTLS and its certificate
 * check, sign-in, rejected recipients, address checks, the size limit, one connection per
 * execution closed at endExecution.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { waitFor } from "@/test/wait-for";
import { preparePackage } from "../../packages/prepare-package";
import { invocation } from "../../test-support/invocation";
import { tempPackage } from "../../test-support/temp-package";
import { networkPolicyFromEnv } from "../limits";
import { createMemoryBundleLoader } from "../memory-loader";
import { createSandboxRunner, type SandboxRunner } from "../sandbox-runner";
import { smtpMaxBytes, SmtpClients } from "./smtp-clients";
import { mimeAttachment, mimeHeader, startSmtpServer, type TestSmtpServer } from "./smtp-clients-test-server";
import { selfSignedLocalhost } from "./redis-clients-tls-proxy";

const SOURCE = `
import { action, component, input } from "@junction/sdk";
export default component({
  key: "smtpProbe",
  label: "SMTP probe",
  description: "runs context.smtp.send",
  actions: {
    send: action({
      label: "Send",
      inputs: {
        connection: input({ label: "Connection", type: "data", required: true }),
        message: input({ label: "Message", type: "data", required: true }),
        binary: input({ label: "Binary attachment size", type: "number" }),
      },
      perform: async (context, i) => {
        const message = { ...(i.message as any) };
        if (i.binary) {
          const bytes = new Uint8Array(i.binary as number);
          for (let n = 0; n < bytes.length; n++) bytes[n] = (n * 7 + 3) % 256;
          message.attachments = [...(message.attachments ?? []), { filename: "data.bin", content: bytes, contentType: "application/octet-stream" }];
        }
        return { data: await context.smtp.send(i.connection as any, message) };
      },
    }),
  },
});
`;

const pkg = tempPackage(SOURCE);
let runner: SandboxRunner;
let strict: SandboxRunner;
let plain: TestSmtpServer;
let starttls: TestSmtpServer;
let signIn: TestSmtpServer;

const expectedBytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 256));

beforeAll(async () => {
  const loader = createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]);
  const previous = process.env.JUNCTION_SMTP_MAX_MB;
  process.env.JUNCTION_SMTP_MAX_MB = "1";
  try {
    runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  } finally {
    if (previous === undefined) delete process.env.JUNCTION_SMTP_MAX_MB;
    else process.env.JUNCTION_SMTP_MAX_MB = previous;
  }
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  plain = await startSmtpServer({ disabledCommands: ["STARTTLS"], rejectRecipients: ["nobody@example.test"] });
  starttls = await startSmtpServer({});
  signIn = await startSmtpServer({ disabledCommands: ["STARTTLS"], user: "mailer", password: "right-Passw0rd" });
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await strict?.close();
  await plain?.stop();
  await starttls?.stop();
  await signIn?.stop();
  pkg.remove();
});

const conn = (server: TestSmtpServer, extra: Record<string, unknown> = { tls: false }) => ({
  host: "127.0.0.1",
  port: server.port,
  ...extra,
});
const send = (
  r: SandboxRunner,
  connection: unknown,
  message: Record<string, unknown>,
  binary?: number,
  executionId = `exec-${randomUUID()}`,
) => {
  const inv = invocation("smtpProbe", "send", { connection, message, binary });
  inv.facts.executionId = executionId;
  return r.run(inv).then((res) => res.data as { messageId: string; accepted: string[]; rejected: string[] });
};
const basic = { from: "shop@example.test", to: "alice@example.test", subject: "Hello" };

describe("network policy", () => {
  test("127.0.0.1 is refused by default, naming the settings, and nothing reaches the server", async () => {
    expect(networkPolicyFromEnv({} as NodeJS.ProcessEnv).allowPrivateNetwork).toBe(false);
    const before = plain.connections.opened;
    await expect(send(strict, conn(plain), basic)).rejects.toThrow(/Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOW_PRIVATE_NETWORK/);
    expect(plain.connections.opened).toBe(before);
  });
});

describe("sending", () => {
  test("recipients, subject, text, HTML and attachments (bytes and text) arrive intact", async () => {
    const n = plain.messages.length;
    const r = await send(
      runner,
      conn(plain),
      {
        from: "Shop <shop@example.test>",
        to: ["alice@example.test", "Bob Builder <bob@example.test>"],
        cc: "carol@example.test",
        bcc: ["dave@example.test"],
        replyTo: "support@example.test",
        subject: "Order #42 — shipped ✓",
        text: "Your order has shipped.",
        html: "<p>Your order has <b>shipped</b>.</p>",
        attachments: [{ filename: "notes.txt", content: "line one\nline two ünïcode", contentType: "text/plain" }],
      },
      70_000,
    );
    expect(r.accepted.sort()).toEqual(["alice@example.test", "bob@example.test", "carol@example.test", "dave@example.test"]);
    expect(r.rejected).toEqual([]);
    expect(r.messageId).toMatch(/^<.+@.+>$/);
    expect(plain.messages.length).toBe(n + 1);
    const m = plain.messages[n];
    expect(m.from).toBe("shop@example.test");
    expect(m.to.sort()).toEqual(["alice@example.test", "bob@example.test", "carol@example.test", "dave@example.test"]);
    expect(mimeHeader(m.raw, "To")).toBe("alice@example.test, Bob Builder <bob@example.test>");
    expect(mimeHeader(m.raw, "Cc")).toBe("carol@example.test");
    expect(mimeHeader(m.raw, "Bcc")).toBeUndefined();
    expect(mimeHeader(m.raw, "Reply-To")).toBe("support@example.test");
    expect(mimeHeader(m.raw, "Message-ID")).toBe(r.messageId);
    // a non-ASCII subject is encoded; decoded it is the same text
    const subject = mimeHeader(m.raw, "Subject")!;
    const decoded = subject.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_all, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
    expect(decoded).toBe("Order #42 — shipped ✓");
    const bin = mimeAttachment(m.raw, "data.bin")!;
    expect(bin.contentType).toBe("application/octet-stream");
    expect(bin.bytes.equals(expectedBytes(70_000))).toBe(true);
    const txt = mimeAttachment(m.raw, "notes.txt")!;
    expect(txt.contentType).toBe("text/plain");
    expect(txt.bytes.toString("utf8").replace(/\r\n/g, "\n")).toContain("line one\nline two");
    expect(m.secure).toBe(false);
  });

  test("a recipient the server refuses is listed in rejected; all refused is an error", async () => {
    const r = await send(runner, conn(plain), { ...basic, to: ["alice@example.test", "nobody@example.test"] });
    expect(r.accepted).toEqual(["alice@example.test"]);
    expect(r.rejected).toEqual(["nobody@example.test"]);
    await expect(send(runner, conn(plain), { ...basic, to: "nobody@example.test" })).rejects.toThrow(
      /SMTP at 127\.0\.0\.1:\d+: .*(EENVELOPE)/,
    );
  });

  test("bad addresses and fields are named before anything is sent", async () => {
    const before = plain.connections.opened;
    await expect(send(runner, conn(plain), { ...basic, to: "alice" })).rejects.toThrow(/smtp\.send: to: "alice" is not an email address/);
    await expect(send(runner, conn(plain), { ...basic, cc: ["ok@example.test", "bad@"] })).rejects.toThrow(
      /smtp\.send: cc: "bad@" is not an email address/,
    );
    await expect(send(runner, conn(plain), { ...basic, from: "a@example.test, b@example.test" })).rejects.toThrow(
      /from must be exactly one/,
    );
    await expect(send(runner, conn(plain), { ...basic, to: undefined })).rejects.toThrow(/at least one recipient/);
    await expect(send(runner, conn(plain), { ...basic, subject: "a\r\nBcc: evil@example.test" })).rejects.toThrow(
      /subject must be one line/,
    );
    await expect(send(runner, conn(plain), { ...basic, attachments: [{ filename: "", content: "x" }] })).rejects.toThrow(
      /attachments\[0\]\.filename must be a one-line, non-empty name/,
    );
    await expect(send(runner, conn(plain), { ...basic, attachments: [{ filename: "f", path: "/etc/passwd" }] })).rejects.toThrow(
      /attachments\[0\]\.content must be text or bytes/,
    );
    await expect(send(runner, { host: "127.0.0.1", port: "x" }, basic)).rejects.toThrow(/SMTP connection: port must be a whole number/);
    expect(plain.connections.opened).toBe(before);
  });

  test("a message larger than JUNCTION_SMTP_MAX_MB is refused", async () => {
    await expect(send(runner, conn(plain), basic, 1024 * 1024 + 1)).rejects.toThrow(/more than 1 MB \(JUNCTION_SMTP_MAX_MB\)/);
    expect(smtpMaxBytes({} as NodeJS.ProcessEnv)).toBe(25 * 1024 * 1024);
    expect(() => smtpMaxBytes({ JUNCTION_SMTP_MAX_MB: "lots" } as unknown as NodeJS.ProcessEnv)).toThrow(
      /JUNCTION_SMTP_MAX_MB must be a positive number/,
    );
  });
});

describe("TLS and sign-in", () => {
  test("STARTTLS required: a certificate that does not verify fails; with verification off it is encrypted", async () => {
    await expect(send(runner, conn(starttls, { tls: true }), basic)).rejects.toThrow(
      /SMTP at 127\.0\.0\.1:\d+: .*(certificate|self.signed|ESOCKET|ETLS)/i,
    );
    const n = starttls.messages.length;
    await send(runner, conn(starttls, { tls: { rejectUnauthorized: false } }), basic);
    expect(starttls.messages[n].secure).toBe(true);
  });

  test("the certificate is checked against the host name the connection gives, not the address connected to", async () => {
    const { key, cert } = selfSignedLocalhost();
    const named = await startSmtpServer({ key, cert });
    const clients = new SmtpClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1", "localhost"] }, 30_000);
    const signal = new AbortController().signal;
    try {
      await clients.call({ executionId: "n1", signal }, "send", { host: "localhost", port: named.port, tls: { ca: cert } }, [basic]);
      expect(named.messages[0].secure).toBe(true);
      await expect(
        clients.call({ executionId: "n2", signal }, "send", { host: "127.0.0.1", port: named.port, tls: { ca: cert } }, [basic]),
      ).rejects.toThrow(/127\.0\.0\.1.*(cert|altnames)/i);
    } finally {
      await clients.closeAll();
      await named.stop();
    }
  });

  test("STARTTLS required but not offered is an error; tls: false sends in plain", async () => {
    await expect(send(runner, conn(plain, { tls: { rejectUnauthorized: false } }), basic)).rejects.toThrow(/STARTTLS|TLS/);
    const n = starttls.messages.length;
    await send(runner, conn(starttls, { tls: false }), basic);
    expect(starttls.messages[n].secure).toBe(false);
  });

  test("sign-in: the right password is accepted; a wrong one is an error without the password", async () => {
    const n = signIn.messages.length;
    await send(runner, conn(signIn, { tls: false, username: "mailer", password: "right-Passw0rd" }), basic);
    expect(signIn.messages[n].user).toBe("mailer");
    const err = await send(runner, conn(signIn, { tls: false, username: "mailer", password: "wrong-Passw0rd" }), basic).catch(
      (e: Error) => e,
    );
    expect(String(err)).toMatch(/SMTP at 127\.0\.0\.1:\d+: .*EAUTH/);
    expect(String(err)).not.toContain("wrong-Passw0rd");
  });
});

describe("connections per execution", () => {
  test("an execution's sends share one connection, closed at endExecution; another execution opens its own", async () => {
    const opened = plain.connections.opened;
    const closed = plain.connections.closed;
    const e = `exec-${randomUUID()}`;
    await send(runner, conn(plain), basic, undefined, e);
    await send(runner, conn(plain), basic, undefined, e);
    expect(plain.connections.opened).toBe(opened + 1);
    await send(runner, conn(plain), basic, undefined, `exec-${randomUUID()}`);
    expect(plain.connections.opened).toBe(opened + 2);
    await runner.endExecution(e);
    await waitFor(() => plain.connections.closed >= closed + 1);
  });

  test("a send still running when the action times out is stopped: its connection is closed", async () => {
    const slow = await startSmtpServer({ disabledCommands: ["STARTTLS"], delayDataMs: 20_000 });
    const quick = createSandboxRunner({
      loadBundle: createMemoryBundleLoader([await preparePackage({ path: pkg.dir })]),
      limits: { timeoutMs: 1500 },
      network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] },
    });
    try {
      const started = Date.now();
      await expect(send(quick, conn(slow), basic)).rejects.toThrow(/time|limit/i);
      expect(Date.now() - started).toBeLessThan(10_000);
      await waitFor(() => slow.connections.closed === slow.connections.opened);
    } finally {
      await quick.close();
      await slow.stop();
    }
  });

  test("SmtpClients directly: size() and end(); unknown operations", async () => {
    const clients = new SmtpClients({ ...networkPolicyFromEnv({} as NodeJS.ProcessEnv), allowedHosts: ["127.0.0.1"] }, 30_000);
    const signal = new AbortController().signal;
    await clients.call({ executionId: "x", signal }, "send", conn(plain), [basic]);
    expect(clients.size()).toBe(1);
    await clients.end("x");
    expect(clients.size()).toBe(0);
    await expect(clients.call({ executionId: "x", signal }, "verify", conn(plain), [])).rejects.toThrow(/Unknown SMTP operation "verify"/);
    await clients.closeAll();
  });
});

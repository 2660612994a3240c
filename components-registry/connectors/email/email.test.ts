/**
 * The Email connector installed from its folder and run in the real sandbox against a real SMTP
 * server (smtp-server on 127.0.0.1, random port): recipients, subject, bodies and attachment bytes
 * as received, TLS modes, sign-in, clear errors, the network policy.
 */
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ComponentManifest } from "@/components-registry/contract";
import { preparePackage } from "@/components-registry/packages/prepare-package";
import {
  mimeAttachment,
  mimeHeader,
  startSmtpServer,
  type TestSmtpServer,
} from "@/components-registry/sandbox/host/smtp-clients-test-server";
import { createMemoryBundleLoader } from "@/components-registry/sandbox/memory-loader";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { invocation } from "@/components-registry/test-support/invocation";

let manifest: ComponentManifest;
let runner: SandboxRunner;
let strict: SandboxRunner;
let server: TestSmtpServer;
let tlsServer: TestSmtpServer;

beforeAll(async () => {
  const prepared = await preparePackage({ path: dirname(fileURLToPath(import.meta.url)) });
  manifest = prepared.manifest;
  const loader = createMemoryBundleLoader([prepared]);
  runner = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: ["127.0.0.1"] } });
  strict = createSandboxRunner({ loadBundle: loader, network: { allowPrivateNetwork: false, allowedHosts: [] } });
  server = await startSmtpServer({ disabledCommands: ["STARTTLS"], user: "mailer", password: "s3cret-pass" });
  tlsServer = await startSmtpServer({});
}, 60_000);
afterAll(async () => {
  await runner?.close();
  await strict?.close();
  await server?.stop();
  await tlsServer?.stop();
});

const connection = () => ({
  host: "127.0.0.1",
  port: server.port,
  secure: false,
  username: "mailer",
  password: "s3cret-pass",
  tls: "disable",
});

const send = async (inputs: Record<string, unknown>, r = runner) => {
  const inv = invocation("email", "sendEmail", { connection: connection(), from: "Shop <shop@example.test>", subject: "Hi", ...inputs });
  inv.facts.executionId = `exec-${randomUUID()}`;
  try {
    return (await r.run(inv)).data as { messageId: string; accepted: string[]; rejected: string[] };
  } finally {
    await r.endExecution(inv.facts.executionId);
  }
};

describe("email connector", () => {
  test("the manifest declares the SMTP connection and sendEmail's inputs", () => {
    expect(manifest.key).toBe("email");
    expect(Object.keys(manifest.actions)).toEqual(["sendEmail"]);
    const fields = manifest.connections!.smtp.fields;
    expect(fields.map((f) => f.key)).toEqual(["host", "port", "secure", "username", "password", "tls", "caCertificate"]);
    expect(fields.find((f) => f.key === "tls")).toMatchObject({
      type: "picklist",
      options: ["verify-full", "require", "when-offered", "disable"],
    });
    expect(manifest.actions.sendEmail.inputs.map((i) => i.key)).toEqual([
      "connection",
      "from",
      "to",
      "cc",
      "bcc",
      "replyTo",
      "subject",
      "text",
      "html",
      "attachments",
    ]);
    expect(manifest.actions.sendEmail.inputs[0]).toMatchObject({ connection: "smtp" });
  });

  test("sendEmail: recipients, subject, bodies and attachments (bytes intact, text) arrive", async () => {
    const pdf = new Uint8Array(5000);
    for (let i = 0; i < pdf.length; i++) pdf[i] = (i * 31) % 256;
    const n = server.messages.length;
    const r = await send({
      to: "alice@example.test, Bob <bob@example.test>",
      cc: ["carol@example.test"],
      bcc: "audit@example.test",
      replyTo: "help@example.test",
      subject: "Invoice 2024-001",
      text: "Please find the invoice attached.",
      html: "<p>Please find the invoice attached.</p>",
      attachments: [
        { filename: "invoice.pdf", content: pdf, contentType: "application/pdf" },
        { filename: "summary.csv", content: "id,total\n1,9.99\n" },
      ],
    });
    expect(r.accepted.sort()).toEqual(["alice@example.test", "audit@example.test", "bob@example.test", "carol@example.test"]);
    expect(r.rejected).toEqual([]);
    const m = server.messages[n];
    expect(m.user).toBe("mailer");
    expect(m.from).toBe("shop@example.test");
    expect(m.to.sort()).toEqual(["alice@example.test", "audit@example.test", "bob@example.test", "carol@example.test"]);
    expect(mimeHeader(m.raw, "Subject")).toBe("Invoice 2024-001");
    expect(mimeHeader(m.raw, "From")).toBe("Shop <shop@example.test>");
    expect(mimeHeader(m.raw, "To")).toBe("alice@example.test, Bob <bob@example.test>");
    expect(mimeHeader(m.raw, "Bcc")).toBeUndefined();
    const att = mimeAttachment(m.raw, "invoice.pdf")!;
    expect(att.contentType).toBe("application/pdf");
    expect(att.bytes.equals(Buffer.from(pdf))).toBe(true);
    expect(mimeAttachment(m.raw, "summary.csv")!.bytes.toString().replace(/\r\n/g, "\n")).toBe("id,total\n1,9.99\n");
    expect(m.raw).toContain("Please find the invoice attached.");
  });

  test("TLS: verify-full and when-offered refuse the test server's self-signed certificate; require sends encrypted; when-offered without STARTTLS is plain", async () => {
    const base = { host: "127.0.0.1", port: tlsServer.port, secure: false };
    const inv = (tls: string) => {
      const i = invocation("email", "sendEmail", {
        connection: { ...base, tls },
        from: "a@example.test",
        to: "b@example.test",
        subject: "s",
        text: "t",
      });
      i.facts.executionId = `exec-${randomUUID()}`;
      return i;
    };
    await expect(runner.run(inv("verify-full"))).rejects.toThrow(/SMTP at 127\.0\.0\.1:\d+: .*(certificate|self.signed)/i);
    const n = tlsServer.messages.length;
    await runner.run(inv("require"));
    expect(tlsServer.messages[n].secure).toBe(true);
    // a STARTTLS taken because it is offered is checked as strictly
    await expect(runner.run(inv("when-offered"))).rejects.toThrow(/certificate|self.signed/i);
    // …and a server that offers none gets the message in plain
    const n2 = server.messages.length;
    await send({ connection: { ...connection(), tls: "when-offered" }, to: "a@example.test", text: "x" });
    expect(server.messages[n2].secure).toBe(false);
  });

  test("bad input is named: addresses, missing body, attachments, the wrong password (not shown)", async () => {
    await expect(send({ to: "not-an-address", text: "x" })).rejects.toThrow(/to: "not-an-address" is not an email address/);
    await expect(send({ to: "a@example.test" })).rejects.toThrow(/Give the message a Text or HTML body, or attachments/);
    await expect(send({ to: "a@example.test", attachments: [{ filename: "x.txt" }] })).rejects.toThrow(
      /Attachments.*item 0 \(x\.txt\): content must be a file \(bytes\) or text/,
    );
    const inv = invocation("email", "sendEmail", {
      connection: { ...connection(), password: "wrong-pass-123" },
      from: "a@example.test",
      to: "b@example.test",
      subject: "s",
      text: "t",
    });
    const err = await runner.run(inv).catch((e: Error) => e);
    expect(String(err)).toMatch(/EAUTH/);
    expect(String(err)).not.toContain("wrong-pass-123");
    await expect(send({ connection: { ...connection(), secure: true }, to: "a@example.test", text: "x" })).rejects.toThrow(
      /Secure \(TLS from the start\) cannot go with tls "disable"/,
    );
  });

  test("127.0.0.1 is refused unless allowed (JUNCTION_ALLOWED_HOSTS)", async () => {
    await expect(send({ to: "a@example.test", text: "x" }, strict)).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*JUNCTION_ALLOWED_HOSTS/,
    );
  });
});

/**
 * Hostile tenants, SFTP: a server's password is a credential config value (encrypted, per
 * instance), never a literal in a definition every builder reads; a configured host key is checked.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startSftpServer } from "@/components-registry/test-support/sftp-server";
import type { TestDatabase } from "../db";
import { deploy } from "../fixtures/deploy";
import { startWebhookRuntime, type WebhookRuntime } from "../fixtures/webhook-runtime";

let h: WebhookRuntime;
let t: TestDatabase;
let base: string;
let sftp: Awaited<ReturnType<typeof startSftpServer>>;

beforeAll(async () => {
  h = await startWebhookRuntime({ timeoutMs: 10_000 });
  ({ t, base } = h);
  sftp = await startSftpServer();
});

afterAll(async () => {
  await sftp?.close();
  await h?.close();
});

const yaml = (connection: string) => `definitionVersion: 1
name: Files ${Math.random()}
configPages:
  - name: Server
    elements:
      - configVar: { key: server, label: SFTP server, type: credential, credentialType: sftp, required: true }
flows:
  - name: Main
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Info
        action: sftp.stat
        inputs:
          connection: ${connection}
          path: { value: "/" }
`;

const call = async (token: string) => {
  const res = await fetch(`${base}/webhooks/${token}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

test("a literal SFTP password in a definition is refused at publish, naming the input", async () => {
  const literal = `{ value: { host: 127.0.0.1, port: ${sftp.port}, username: tester, password: secret } }`;
  await expect(deploy(t.db, yaml(literal))).rejects.toThrow(/inputs\.connection: input "connection" of sftp\.stat is a credential/);
});

test("an sftp credential config value signs in, and its host key fingerprint is checked when given", async () => {
  const server = { host: "127.0.0.1", port: String(sftp.port), username: "tester", password: "secret", hostKeySha256: sftp.hostKeySha256 };
  const good = await deploy(t.db, yaml("{ configVar: server }"), { server });
  expect(await call(good.tokens.main!)).toMatchObject({ status: 200, body: { path: "/", isDirectory: true } });

  const wrongKey = "SHA256:" + "A".repeat(43);
  const spoofed = await deploy(t.db, yaml("{ configVar: server }"), { server: { ...server, hostKeySha256: wrongKey } });
  const refused = await call(spoofed.tokens.main!);
  expect(refused.status).toBe(500);
  expect(JSON.stringify(refused.body)).toContain(`offered host key ${sftp.hostKeySha256}, not the configured hostKeySha256`);
});

test("the sftp credential's fields are checked when an instance is configured", async () => {
  await expect(deploy(t.db, yaml("{ configVar: server }"), { server: { host: "127.0.0.1", username: "tester" } })).rejects.toThrow(
    /password or privateKey is required/,
  );
  await expect(
    deploy(t.db, yaml("{ configVar: server }"), { server: { host: "h", username: "u", password: "p", port: "99999" } }),
  ).rejects.toThrow(/port must be 1-65535/);
});

/**
 * Alert deliveries as pg-boss jobs: one waiting out its backoff when its process stops is made by
 * the next process to work the queue; email goes through a local SMTP server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { codeIntegrationYaml } from "@/test/fixtures/code-integration";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "../queue/boss";
import type { Listener } from "../queue/listen";
import { createCompletion } from "../executions/completion/completion";
import { createAlertEngine, type AlertEngine } from "./alert-engine";
import { checkInstanceDisabled } from "./check-instances";
import type { Destination } from "./monitor-schema";

let t: TestDatabase;
const closing: Array<() => Promise<unknown>> = [];
// deliveries need no leadership: the engines here never start evaluating
const noListener: Listener = { on: () => () => {}, connected: () => true, onConnected: () => () => {}, close: async () => {} };

beforeAll(async () => {
  // the receivers are local servers; the network guard refuses them otherwise (test/hostile/alerts.db.test.ts)
  process.env.JUNCTION_ALLOW_PRIVATE_NETWORK = "true";
  t = await createTestDatabase();
  await installBuiltins(t.db);
});

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

afterAll(async () => {
  await t?.drop();
});

/** a Junction process, as far as alerts go: its own pg-boss working the delivery queue */
async function process_(
  delivery = { attempts: 3, baseDelayMs: 1500 },
): Promise<{ boss: PgBoss; engine: AlertEngine; stop: () => Promise<void> }> {
  const boss = await startBoss(t.url, { supervise: false });
  const engine = createAlertEngine({
    pool: t.pool,
    boss,
    listener: noListener,
    completion: createCompletion(noListener, t.pool),
    delivery,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await engine.close();
    await boss.stop({ graceful: true, wait: true });
  };
  closing.push(stop);
  return { boss, engine, stop };
}

/** an instance with a monitor on its disabling, disabled: the event it raises, queued with its deliveries */
async function raiseDisabled(boss: PgBoss, destinations: Destination[], customer = `Customer ${Math.random()}`) {
  const d = await deploy(t.db, codeIntegrationYaml(`Deliveries ${Math.random().toString(36).slice(2, 8)}`), {}, customer);
  await t.pool.query(
    `insert into alert_monitors (name, instance_id, conditions, destinations) values ('Freight down', $1, '[{"kind":"instanceDisabled"}]', $2)`,
    [d.instance.id, JSON.stringify(destinations)],
  );
  await t.pool.query("update instances set enabled = false, updated_at = now() where id = $1", [d.instance.id]);
  const [event] = await checkInstanceDisabled({ pool: t.pool, boss }, d.instance.id);
  return { event: event!, instance: d.instance };
}

const deliveryOf = async (eventId: string, index = 0) =>
  (await t.pool.query("select deliveries from alert_events where id = $1", [eventId])).rows[0].deliveries[index];

test("a webhook delivery waiting out its backoff when its process stops is made after the restart", async () => {
  const hits: number[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume().on("end", () => {
      hits.push(Date.now());
      res.writeHead(hits.length === 1 ? 503 : 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  closing.push(() => new Promise((r) => receiver.close(r)));

  const first = await process_();
  const { event } = await raiseDisabled(first.boss, [
    { kind: "feed" },
    { kind: "webhook", url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
  ]);
  await waitFor(async () => (await deliveryOf(event.eventId, 1)).attempts === 1, { what: "the first attempt" });
  expect(await deliveryOf(event.eventId, 1)).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503" });
  const stoppedAt = Date.now();
  await first.stop();
  // the second attempt is a job of its own, due after the backoff, whoever is there to make it
  const queued = await t.pool.query(
    `select state, start_after from pgboss.job where name = 'alert-delivery' and data->>'eventId' = $1 and (data->>'attempt')::int = 2`,
    [event.eventId],
  );
  expect(queued.rows).toEqual([{ state: "created", start_after: expect.any(Date) }]);
  expect(hits).toHaveLength(1);

  await process_();
  await waitFor(async () => (await deliveryOf(event.eventId, 1)).status === "delivered", { what: "the delivery after the restart" });
  expect(await deliveryOf(event.eventId, 1)).toMatchObject({ kind: "webhook", status: "delivered", attempts: 2 });
  expect(hits).toHaveLength(2);
  expect(hits[1]! - stoppedAt).toBeGreaterThanOrEqual(1000);
});

/** RFC 2047 words and quoted-printable, as nodemailer writes them */
const decodeWords = (s: string) =>
  s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")),
  );
const decodeQp = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

test("email: with JUNCTION_SMTP_URL set, the alert arrives with the monitor and message as subject and what it is about in the body", async () => {
  const mails: { from: string; to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    // plain SMTP: offered STARTTLS, nodemailer upgrades and (rightly) refuses a self-signed certificate
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("latin1")));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  closing.push(() => new Promise<void>((r) => smtp.close(() => r())));
  const previous = process.env.JUNCTION_SMTP_URL;
  process.env.JUNCTION_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  closing.push(async () => {
    if (previous === undefined) delete process.env.JUNCTION_SMTP_URL;
    else process.env.JUNCTION_SMTP_URL = previous;
  });

  const { boss } = await process_();
  const { event, instance } = await raiseDisabled(boss, [{ kind: "email", to: "ops@example.com" }], "Acme Freight");
  await waitFor(async () => (await deliveryOf(event.eventId)).status !== "pending", { what: "the email delivery" });
  expect(await deliveryOf(event.eventId)).toMatchObject({ kind: "email", target: "ops@example.com", status: "delivered", attempts: 1 });

  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.to).toEqual(["ops@example.com"]);
  expect(mail.from).toBe("junction@localhost");
  const [head, ...body] = mail.raw.split(/\r?\n\r?\n/);
  const headers = head!.replace(/\r?\n[ \t]+/g, " ");
  expect(decodeWords(headers.match(/^Subject: (.*)$/im)![1]!)).toBe(`[Junction] Freight down: ${instance.name} was disabled`);
  const text = /quoted-printable/i.test(headers) ? decodeQp(body.join("\n\n")) : body.join("\n\n");
  expect(text).toContain(`${instance.name} was disabled\n`);
  expect(text).toContain("Customer: Acme Freight");
  expect(text).toContain(`Instance: ${instance.name}`);
  expect(text).toContain(`"id": "${event.eventId}"`);
});

test("email without SMTP configured: recorded as skipped, nothing retried", async () => {
  delete process.env.JUNCTION_SMTP_URL;
  const { boss } = await process_();
  const { event } = await raiseDisabled(boss, [{ kind: "email", to: "ops@example.com" }]);
  await waitFor(async () => (await deliveryOf(event.eventId)).status !== "pending", { what: "the email delivery" });
  expect(await deliveryOf(event.eventId)).toMatchObject({
    status: "skipped",
    attempts: 0,
    lastError: "SMTP is not configured (JUNCTION_SMTP_URL)",
  });
});

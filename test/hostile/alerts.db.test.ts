/**
 * Hostile tenants, alert webhooks: a monitor's URL is typed by an organization user and fetched by
 * the server, so it passes the same network guard as actions — no loopback, private or link-local
 * address (cloud metadata), on the first request or on any redirect.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { checkInstanceDisabled } from "@/runtime/alerts/check-instances";
import { deliverAlert } from "@/runtime/alerts/deliver-event";
import type { AlertDeliveryJob } from "@/runtime/alerts/delivery-job";
import { startBoss } from "@/runtime/queue/boss";
import { createTestDatabase, type TestDatabase } from "../db";
import { codeIntegrationYaml } from "../fixtures/code-integration";
import { deploy } from "../fixtures/deploy";

let t: TestDatabase;
let boss: PgBoss;
let internal: http.Server;
let hits = 0;
let internalUrl: string;

beforeAll(async () => {
  delete process.env.JUNCTION_ALLOW_PRIVATE_NETWORK;
  t = await createTestDatabase();
  await installBuiltins(t.db);
  boss = await startBoss(t.url, { supervise: false });
  // stands for an internal service (or 169.254.169.254): it must never be reached
  internal = http.createServer((req, res) => {
    hits++;
    req.resume();
    res.end("internal secrets");
  });
  await new Promise<void>((r) => internal.listen(0, "127.0.0.1", () => r()));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/latest/meta-data`;
});

afterAll(async () => {
  internal?.close();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
  delete process.env.JUNCTION_ALLOWED_HOSTS;
});

async function deliverTo(url: string) {
  const d = await deploy(t.db, codeIntegrationYaml(`Alerts ${Math.random().toString(36).slice(2, 8)}`));
  await t.pool.query(
    `insert into alert_monitors (name, instance_id, conditions, destinations) values ('Down', $1, '[{"kind":"instanceDisabled"}]', '[]')`,
    [d.instance.id],
  );
  await t.pool.query("update instances set enabled = false, updated_at = now() where id = $1", [d.instance.id]);
  const [event] = await checkInstanceDisabled({ pool: t.pool, boss }, d.instance.id);
  const job: AlertDeliveryJob = {
    eventId: event!.eventId,
    index: 0,
    attempt: 1,
    destination: { kind: "webhook", url },
    context: { monitor: { name: "Down" } } as never,
  };
  await deliverAlert({ pool: t.pool, boss }, job, { attempts: 1 });
  return (await t.pool.query("select deliveries from alert_events where id = $1", [event!.eventId])).rows[0].deliveries[0];
}

test("an alert webhook to a loopback address is refused, and the delivery recorded as failed with why", async () => {
  const delivery = await deliverTo(internalUrl);
  expect(delivery).toMatchObject({ status: "failed", lastError: expect.stringMatching(/Refused to connect to 127\.0\.0\.1/) });
  expect(hits).toBe(0);
});

test.each([
  ["another loopback address", () => internalUrl.replace("127.0.0.1", "127.0.0.2"), /Refused to connect to 127\.0\.0\.2/],
  ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/iam/", /Refused to connect to 169\.254\.169\.254/],
])("an allowed receiver that redirects to %s: the redirect is refused", async (_what, target, refusal) => {
  const redirector = http.createServer((req, res) => {
    req.resume();
    res.writeHead(307, { location: target() }).end();
  });
  await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", () => r()));
  process.env.JUNCTION_ALLOWED_HOSTS = "127.0.0.1";
  try {
    const delivery = await deliverTo(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`);
    expect(delivery).toMatchObject({ status: "failed", lastError: expect.stringMatching(refusal) });
    expect(hits).toBe(0);
  } finally {
    delete process.env.JUNCTION_ALLOWED_HOSTS;
    redirector.close();
  }
});

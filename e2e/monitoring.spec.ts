/**
 * Monitoring end to end: a failing instance (seeded through tRPC as the admin) produces an
 * execution visible in the list with its failing step and logs; an alert monitor puts an event
 * in the feed and on a local webhook receiver; Replay runs it again as a linked execution; the
 * dashboard's charts render. Live updates come over server-sent events.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { screenshot, signInAsAdmin } from "./support/auth";
import { signIn } from "./support/seed-trpc";

const run = Date.now().toString(36);
const yaml = `definitionVersion: 1
name: Monitoring e2e ${run}
flows:
  - name: Sync orders
    trigger: { type: webhook }
    steps:
      - name: Load orders
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async ({ logger }, stepResults) => {
                logger.info("loaded 3 orders");
                return { data: [{ id: 1 }, { id: 2 }, { id: 3 }] };
              };
      - name: Each order
        action: loop.loopOverItems
        inputs:
          items: { reference: loadOrders.results }
        steps:
          - name: Price order
            action: code.runCode
            inputs:
              code: { value: "module.exports = async (context, stepResults) => ({ data: { priced: stepResults.eachOrder.currentItem.id * 10 } });" }
      - name: Push to ERP
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async ({ logger }) => {
                logger.warn("ERP answered 503");
                throw new Error("ERP rejected the batch");
              };
`;

/** one tRPC call with the page's session (no transformer: plain JSON in and out) */
async function trpc<T = Record<string, unknown>>(
  request: APIRequestContext,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const res =
    kind === "mutation"
      ? await request.post(`/api/trpc/${path}`, { data: input })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = await res.json();
  expect(res.ok(), `${path}: ${JSON.stringify(body)}`).toBeTruthy();
  return body.result.data as T;
}

interface Receiver {
  url: string;
  bodies: Array<Record<string, string>>;
  close(): void;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: Array<Record<string, string>> = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, bodies, close: () => server.close() };
}

let receiver: Receiver;
let instanceName: string;
let webhookUrl: string;
let monitorName: string;
let customerId: string;

test.beforeAll(async ({ browser }) => {
  receiver = await startReceiver();
  const page = await browser.newPage();
  await signInAsAdmin(page);
  const { id: integrationId } = await trpc<{ id: string }>(page.request, "integrations.import", { yaml });
  await trpc(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpc<{ id: string }>(page.request, "customers.create", { name: `Acme ${run}` });
  customerId = customer.id;
  instanceName = `Acme orders ${run}`;
  const { id: instanceId } = await trpc<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    name: instanceName,
    configValues: {},
  });
  const instance = await trpc<{ flows: { webhookUrl: string }[] }>(page.request, "instances.get", { id: instanceId }, "query");
  webhookUrl = instance.flows[0]!.webhookUrl;
  monitorName = `Orders failing ${run}`;
  await trpc(page.request, "monitoring.alerts.createMonitor", {
    name: monitorName,
    instanceId,
    conditions: [{ kind: "executionFailed" }],
    destinations: [
      { kind: "feed" },
      { kind: "webhook", url: receiver.url, template: '{"text": "{{monitor.name}}: {{event.message}}", "execution": "{{execution.id}}"}' },
    ],
    quietPeriodMinutes: 0,
  });
  await page.close();
});

test.afterAll(() => receiver?.close());

async function trigger(page: Page): Promise<string> {
  // the webhook's path on the server under test (its public URL may name another host)
  const res = await page.request.post(new URL(webhookUrl).pathname, { data: { batch: run } });
  expect(res.status()).toBe(202);
  return ((await res.json()) as { executionId: string }).executionId;
}

test("a failing run: in the list live, its steps, loop iterations and logs, an alert in the feed and on the webhook, replay, dashboard", async ({
  page,
}) => {
  await signInAsAdmin(page);

  // the list is open before the run: it appears live (server-sent events), without a reload
  await page.goto("/monitoring/executions");
  await expect(page.getByRole("search", { name: "Filter executions" })).toBeVisible();
  const executionId = await trigger(page);
  const row = page.getByRole("row").filter({ hasText: instanceName });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("failed", { exact: true })).toBeVisible();
  await expect(row).toContainText("ERP rejected the batch");

  // filters narrow the list on the server (other tests' runs share this database)
  await page.getByLabel("Instance").selectOption({ label: instanceName });
  await expect(row).toHaveCount(1);
  await page.getByLabel("Status").selectOption("succeeded");
  await expect(page.getByText("No executions match these filters.")).toBeVisible();
  await page.getByLabel("Status").selectOption("failed");
  await expect(row).toHaveCount(1);

  // the execution page: the failing step opened with its error, loop iterations, logs
  await row.getByRole("link", { name: instanceName }).click();
  await expect(page).toHaveURL(new RegExp(`/monitoring/executions/${executionId}$`));
  await expect(page.getByRole("alert").filter({ hasText: "Step Push to ERP failed: ERP rejected the batch" })).toBeVisible();
  const steps = page.getByRole("list", { name: "Steps" });
  await expect(steps.getByRole("listitem", { name: /^Step Price order iteration \d$/ })).toHaveCount(3);
  // iterations listed under their loop, in order
  await expect(steps.getByRole("listitem").nth(1)).toHaveAttribute("aria-label", "Step Each order");
  await expect(steps.getByRole("listitem").nth(2)).toHaveAttribute("aria-label", "Step Price order iteration 0");
  await expect(steps.getByRole("listitem", { name: "Step Push to ERP" }).getByRole("alert")).toContainText("ERP rejected the batch");
  await steps.getByRole("listitem", { name: "Step Price order iteration 2" }).getByRole("button").first().click();
  await expect(page.getByRole("tree", { name: "Result of Price order" })).toContainText("30");
  const logs = page.getByRole("list", { name: "Log lines" });
  await expect(logs).toContainText("loaded 3 orders");
  await expect(logs).toContainText("ERP answered 503");
  await page.getByLabel("Least log level").selectOption("warn");
  await expect(logs).not.toContainText("loaded 3 orders");
  await page.getByLabel("Search logs").fill("503");
  await expect(logs.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("tree", { name: "Trigger payload" })).toBeVisible();
  await screenshot(page, "monitoring-execution");

  // the alert: in the feed, and delivered to the local receiver with the template rendered
  await expect.poll(() => receiver.bodies.length).toBeGreaterThanOrEqual(1);
  expect(receiver.bodies[0]).toEqual({
    execution: executionId,
    text: expect.stringContaining(`${monitorName}: ${instanceName} · Sync orders: failed — ERP rejected the batch`),
  });
  await page.goto("/monitoring/alerts");
  const alert = page.getByRole("listitem", { name: `Alert ${monitorName}` }).first();
  await expect(alert).toContainText("ERP rejected the batch");
  await expect(alert).toContainText("webhookdelivered");
  await expect(page.getByRole("table", { name: "Monitors" })).toContainText(monitorName);
  await screenshot(page, "monitoring-alerts");

  // replay: a new execution linked to the first, which now says "replayed as"
  await page.goto(`/monitoring/executions/${executionId}`);
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`/monitoring/executions/${executionId}$`));
  const replayId = page.url().split("/").pop()!;
  await expect(page.getByText(`Replay of ${executionId.slice(0, 8)}`)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Step Push to ERP failed: ERP rejected the batch" })).toBeVisible(); // live: it ran and failed again
  await page.goto(`/monitoring/executions/${executionId}`);
  await expect(page.getByLabel("Replays")).toContainText(replayId.slice(0, 8));
  // one alert per execution: the replay's failure alerts too
  await expect.poll(() => receiver.bodies.map((b) => b.execution)).toContain(replayId);

  // the dashboard: counts, failure rate, failing instances, charts
  await page.goto("/monitoring");
  // other tests' failing runs share this database: look at this test's integration
  await page.getByLabel("Integration").selectOption({ label: `Monitoring e2e ${run}` });
  await expect(page.getByRole("table", { name: "Instances failing most" })).toContainText(instanceName);
  const chart = page.getByRole("img", { name: "Executions over time" });
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Failure rate over time" }).locator(".recharts-line-dot").first()).toBeVisible();
  await screenshot(page, "monitoring-dashboard");

  // acknowledging takes the alert out of the open feed
  await page.goto("/monitoring/alerts");
  const open = page.getByRole("listitem", { name: `Alert ${monitorName}` });
  await expect(open).toHaveCount(2); // the first run and its replay
  await open.first().getByRole("button", { name: "Acknowledge" }).click();
  await expect(open).toHaveCount(1);
  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(page.getByText("acknowledged by admin@e2e.junction.test")).toBeVisible();
});

test("a customer user reads its own customer's alerts, without monitors or acknowledging; another customer's user sees none", async ({
  browser,
  baseURL,
  page,
}) => {
  await signInAsAdmin(page);
  const alice = { email: `alice-${run}@acme.test`, password: "alice-password-1" };
  const bob = { email: `bob-${run}@globex.test`, password: "bob-password-12" };
  const globex = await trpc<{ id: string }>(page.request, "customers.create", { name: `Globex ${run}` });
  await trpc(page.request, "customers.createUser", { customerId, name: "Alice", ...alice });
  await trpc(page.request, "customers.createUser", { customerId: globex.id, name: "Bob", ...bob });
  // a failing run of Acme's instance raises an alert
  const executionId = await trigger(page);
  await expect
    .poll(async () =>
      (await trpc<{ items: { executionId: string }[] }>(page.request, "monitoring.alerts.events", { open: true }, "query")).items.map(
        (e) => e.executionId,
      ),
    )
    .toContain(executionId);

  const pageAs = async (b: Browser, user: { email: string; password: string }) => {
    const p = await (await b.newContext({ baseURL })).newPage();
    await signIn(p.request, user);
    return p;
  };
  const acme = await pageAs(browser, alice);
  await acme.goto("/monitoring/alerts");
  await expect(acme.getByRole("navigation", { name: "Monitoring" }).getByRole("link", { name: "Alerts" })).toBeVisible();
  const alert = acme.getByRole("listitem", { name: `Alert ${monitorName}` }).first();
  await expect(alert).toContainText("ERP rejected the batch");
  await expect(acme.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(acme.getByRole("table", { name: "Monitors" })).toHaveCount(0);
  await screenshot(acme, "monitoring-alerts-customer");

  const other = await pageAs(browser, bob);
  await other.goto("/monitoring/alerts");
  await expect(other.getByText("No open alerts.")).toBeVisible();
  await expect(other.getByText(monitorName)).toHaveCount(0);
});

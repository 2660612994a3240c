/**
 * Monitoring as a newcomer reads it (issue 19, items 6, 7, 13, 16): a run that fails in its HTTP
 * step (the API answers 500). Execution rows are links (on the instance page and in the list);
 * the execution page names the flow and steps as the designer does, lists the steps in the order
 * they ran in every run, says the run failed where it did instead of showing an earlier step's
 * output as its result, and its logs hold the 500 at ERROR and a line naming the failed step; the
 * alert webhook's payload links to the run and names the instance, customer and flow.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now().toString(36);
const SHOTS = "test-results/h1";

interface Server {
  url: string;
  alerts: Array<Record<string, unknown>>;
  close(): void;
}

/** the API the flow calls (users, then a push that fails) and the alert receiver, on one local server */
async function startServer(): Promise<Server> {
  const alerts: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      if (req.url === "/users")
        return res.writeHead(200, { "content-type": "application/json" }).end('{"users":[{"email":"ada@acme.test"}]}');
      if (req.url === "/erp") return res.writeHead(500, { "content-type": "text/plain" }).end("ERP is down");
      if (req.url === "/alerts") alerts.push(JSON.parse(text));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, alerts, close: () => server.close() };
}

const yaml = (api: string) => `definitionVersion: 1
name: Newcomer monitoring ${run}
flows:
  - name: Sync users
    trigger: { type: webhook }
    steps:
      - name: Fetch users
        action: http.get
        inputs:
          url: { value: "${api}/users" }
      - name: Route by kind
        action: branch.branchOnValue
        inputs:
          value: { value: a }
        branches:
          - name: Kind A
            when: a
            steps:
              - name: Note kind A
                action: code.runCode
                inputs:
                  code: { value: "module.exports = async () => ({ data: 'noted' });" }
      - name: Push to ERP
        action: http.post
        inputs:
          url: { value: "${api}/erp" }
          body: { reference: fetchUsers.results }
`;

let server: Server;
let instanceId: string;
let instanceName: string;
let customerId: string;
let customerName: string;
let webhookPath: string;

test.beforeAll(async ({ browser }) => {
  server = await startServer();
  const page = await browser.newPage();
  await signInAsAdmin(page);
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml: yaml(server.url) });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  customerName = `Acme ${run}`;
  customerId = (await trpcMutation<{ id: string }>(page.request, "customers.create", { name: customerName })).id;
  instanceName = `Acme users ${run}`;
  instanceId = (
    await trpcMutation<{ id: string }>(page.request, "instances.create", {
      integrationId,
      customerId,
      name: instanceName,
      configValues: {},
    })
  ).id;
  const instance = (await trpcQuery(page.request, "instances.get", { id: instanceId })).data as { flows: { webhookUrl: string }[] };
  webhookPath = new URL(instance.flows[0]!.webhookUrl).pathname;
  // no template: the whole context is posted
  await trpcMutation(page.request, "monitoring.alerts.createMonitor", {
    name: `Users failing ${run}`,
    instanceId,
    conditions: [{ kind: "executionFailed" }],
    destinations: [{ kind: "webhook", url: `${server.url}/alerts` }],
    quietPeriodMinutes: 0,
  });
  await page.close();
});

test.afterAll(() => server?.close());

/** a webhook call, and its run's end (the instance page is not live) */
async function trigger(page: Page): Promise<string> {
  const res = await page.request.post(webhookPath, { data: { batch: run } });
  expect(res.status()).toBe(202);
  const id = ((await res.json()) as { executionId: string }).executionId;
  await expect
    .poll(async () => ((await trpcQuery(page.request, "executions.get", { id })).data as { status: string }).status)
    .toBe("failed");
  return id;
}

const STEP_ORDER = ["Step Fetch users", "Step Route by kind", "Step Note kind A", "Step Push to ERP"];

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`a run failing in its HTTP step, read as a newcomer at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await signInAsAdmin(page);
    const first = await trigger(page);
    const second = await trigger(page);

    // the instance page: each recent execution is a link; clicking the row's flow opens that run
    await page.goto(`/instances/${instanceId}`);
    const recent = page.getByRole("table", { name: "Recent executions" });
    // real anchors (open in a new tab, middle-click), named for what they open
    for (const id of [first, second]) {
      const link = recent.locator(`a[href="/monitoring/executions/${id}"]`);
      await expect(link).toHaveAccessibleName(/^Execution: Sync users, failed, /);
    }
    await page.screenshot({ path: `${SHOTS}/instance-recent-executions-${size.width}.png`, fullPage: true });
    // a click anywhere on the row opens the run
    const firstRow = recent.getByRole("row").filter({ has: page.locator(`a[href="/monitoring/executions/${first}"]`) });
    await expect(firstRow).toContainText("Sync users");
    await firstRow.click();
    await expect(page).toHaveURL(new RegExp(`/monitoring/executions/${first}$`));

    // the execution page: flow and steps by name, the failure named, no earlier step's output as the result
    await expect(page.getByRole("heading", { name: new RegExp(`^${instanceName}`) })).toContainText("Sync users");
    await expect(page.getByRole("alert").filter({ hasText: "Step Push to ERP failed: HTTP 500" })).toBeVisible();
    const steps = page.getByRole("list", { name: "Steps" });
    await expect(steps.getByRole("listitem")).toHaveCount(4);
    const order = () => steps.getByRole("listitem").evaluateAll((items) => items.map((i) => i.getAttribute("aria-label")));
    expect(await order()).toEqual(STEP_ORDER);
    // the step inside the branch is indented under it
    const indent = (name: string) => steps.getByRole("listitem", { name }).getByRole("button").locator("> span").first();
    await expect(indent("Step Note kind A")).toHaveCSS("padding-left", "16px");
    await expect(indent("Step Route by kind")).toHaveCSS("padding-left", "0px");
    const result = page.locator("section").filter({ has: page.getByRole("heading", { name: "Result", exact: true }) });
    await expect(result).toContainText("No result: the run failed at step Push to ERP");
    await expect(result).not.toContainText("ada@acme.test");

    // the logs: the 500 at ERROR and a line naming the failed step, found with "Errors only"
    await page.getByLabel("Least log level").selectOption("error");
    const logs = page.getByRole("list", { name: "Log lines" });
    await expect(logs.getByRole("listitem")).toHaveCount(2);
    await expect(logs.getByRole("listitem").nth(0)).toContainText(/error\s*Push to ERP\s*POST .*\/erp → 500/);
    await expect(logs.getByRole("listitem").nth(1)).toContainText('Step "Push to ERP" failed: HTTP 500 Internal Server Error');
    await page.screenshot({ path: `${SHOTS}/execution-failed-${size.width}.png`, fullPage: true });

    // the second run lists its steps in the same order
    await page.goto(`/monitoring/executions/${second}`);
    await expect(steps.getByRole("listitem")).toHaveCount(4);
    expect(await order()).toEqual(STEP_ORDER);

    // the Executions list: rows are links by flow name; a click anywhere on the row opens the run
    await page.goto(`/monitoring/executions?instanceId=${instanceId}`);
    const listRow = page.getByRole("row").filter({ has: page.locator(`a[href="/monitoring/executions/${second}"]`) });
    await expect(listRow).toContainText("Sync users");
    await page.screenshot({ path: `${SHOTS}/executions-list-${size.width}.png`, fullPage: true });
    await expect(listRow).toContainText("HTTP 500");
    await listRow.click();
    await expect(page).toHaveURL(new RegExp(`/monitoring/executions/${second}$`));

    // the alert webhook: a link to the run, the instance, customer and flow by id and name; the link opens the run
    await expect.poll(() => server.alerts.find((a) => (a.execution as { id?: string } | null)?.id === first)).toBeTruthy();
    const alert = server.alerts.find((a) => (a.execution as { id: string }).id === first)!;
    expect(alert).toMatchObject({
      url: expect.stringMatching(new RegExp(`/monitoring/executions/${first}$`)),
      execution: { id: first, status: "failed", flow: "syncUsers", flowName: "Sync users" },
      flow: { key: "syncUsers", name: "Sync users" },
      instance: { id: instanceId, name: instanceName },
      customer: { id: customerId, name: customerName },
      event: { message: expect.stringContaining(`${instanceName} · Sync users: failed`) },
    });
    await page.goto(new URL(alert.url as string).pathname);
    await expect(page.getByRole("alert").filter({ hasText: "Step Push to ERP failed" })).toBeVisible();
  });
}

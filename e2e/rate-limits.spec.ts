/**
 * Rate limits: set in the designer (kept in the YAML, shown again after a reload), and on the
 * instance's page the limit in words and the runs waiting for it — real webhooks, a real worker.
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now().toString(36);
const yamlText = (page: Page) => page.getByLabel("Definition YAML").locator(".cm-content");
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/h9/${name}.png`, fullPage: true });

const yaml = (name: string) => `definitionVersion: 1
name: ${name}
description: Seeded by e2e/rate-limits.spec.ts
configPages:
  - name: Connections
    elements:
      - configVar: { key: crm, label: CRM API key, type: credential, credentialType: apiKey }
      - configVar: { key: erp, label: ERP API key, type: credential, credentialType: apiKey }
flows:
  - name: Push orders
    trigger: { type: webhook }
    steps:
      - name: Echo
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async (context, stepResults) => ({ data: stepResults.trigger.body });
`;

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`the designer sets a rate limit per connection, kept in the YAML (${viewport.width}x${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInAsAdmin(page);
    const { id } = await trpcMutation<{ id: string }>(page.request, "integrations.import", {
      yaml: yaml(`Rate limits ${run} ${viewport.width}`),
    });
    await page.goto(`/integrations/${id}`);
    await page.getByTestId("trigger").click();
    const config = page.getByRole("complementary", { name: "Configuration" });
    await config.getByLabel("Limit the rate of runs").check();
    await expect(config.getByLabel("Runs per interval")).toHaveValue("10");
    await expect(config.getByLabel("Interval in seconds")).toHaveValue("1");
    await config.getByLabel("Runs per interval").fill("5");
    await config.getByLabel("Interval in seconds").fill("2");
    await config.getByLabel("Rate limit counted for").selectOption("connection");
    // two credentials: the limit names which one
    await expect(config.getByLabel("Rate limit connection")).toHaveValue("crm");
    await config.getByLabel("Rate limit connection").selectOption("erp");
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await config.getByLabel("Rate limit connection").scrollIntoViewIfNeeded();
    await shot(page, `designer-rate-limit-${viewport.width}`);
    await config.screenshot({ path: `test-results/h9/designer-rate-limit-pane-${viewport.width}.png` });

    await page.getByRole("tab", { name: "YAML" }).click();
    await expect(yamlText(page)).toContainText(/rateLimit:\s+per: connection\s+limit: 5\s+intervalSeconds: 2\s+configVar: erp/);

    await page.reload();
    await page.getByTestId("trigger").click();
    await expect(config.getByLabel("Runs per interval")).toHaveValue("5");
    await expect(config.getByLabel("Interval in seconds")).toHaveValue("2");
    await expect(config.getByLabel("Rate limit counted for")).toHaveValue("connection");
    await expect(config.getByLabel("Rate limit connection")).toHaveValue("erp");

    // per flow needs no connection; off leaves no trace in the YAML
    await config.getByLabel("Rate limit counted for").selectOption("flow");
    await expect(config.getByLabel("Rate limit connection")).toHaveCount(0);
    await config.getByLabel("Limit the rate of runs").uncheck();
    await expect(config.getByLabel("Runs per interval")).toHaveCount(0);
    await page.getByRole("tab", { name: "YAML" }).click();
    await expect(yamlText(page)).toContainText("name: Push orders");
    await expect(yamlText(page)).not.toContainText("rateLimit");
  });
}

test("the instance's page shows the limit and the runs waiting for it", async ({ page }) => {
  await signInAsAdmin(page);
  const limited = yaml(`Rate limited ${run}`).replace(
    "    trigger: { type: webhook }\n",
    "    trigger: { type: webhook }\n    execution: { rateLimit: { per: flow, limit: 1, intervalSeconds: 3600 } }\n",
  );
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml: limited });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpcMutation<{ id: string }>(page.request, "customers.create", { name: `Limited ${run}` });
  const { id } = await trpcMutation<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    name: `Limited orders ${run}`,
    configValues: { crm: { key: "c" }, erp: { key: "e" } },
  });
  await page.goto(`/instances/${id}`);
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Rate limits" }) });
  await expect(card).toContainText("At most 1 run every hour, for this flow");
  await expect(page.getByTestId("waiting-pushOrders")).toHaveText("0");

  // one run an hour: the first of three runs, the other two wait in the queue
  const instance = await trpcQuery(page.request, "instances.get", { id });
  const url = (instance.data as { flows: { webhookUrl: string }[] }).flows[0]!.webhookUrl;
  for (let i = 0; i < 3; i++) expect((await page.request.post(new URL(url).pathname, { data: { i } })).status()).toBe(202);
  await expect(page.getByTestId("waiting-pushOrders")).toHaveText("2", { timeout: 20_000 });
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    await page.getByTestId("waiting-pushOrders").scrollIntoViewIfNeeded();
    await shot(page, `instance-rate-limits-${viewport.width}`);
  }
});

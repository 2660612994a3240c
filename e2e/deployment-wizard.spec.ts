/**
 * Customers, the deployment wizard and instance updates, in Chromium against the real server:
 * a customer user deploys an integration with a config variable of every type, its webhook runs
 * with those values, an organization user updates it to a version with a new required variable,
 * and another customer's user sees none of it.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { screenshot } from "./support/auth";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";
import { wizardEchoV2Yaml, wizardEchoYaml } from "./support/seed-wizard-integration";

const run = Date.now();
const integrationName = `Wizard Echo ${run}`;
const userA = { email: `alice-${run}@acme.test`, password: "alice-password-1" };
const userB = { email: `bob-${run}@globex.test`, password: "bob-password-12" };

async function pageAs(browser: Browser, baseURL: string | undefined, user: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page.request, user);
  return page;
}

const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);

test("a customer user deploys through the wizard, the org updates to version 2, another customer sees nothing", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);

  // seed as the admin, through the API
  await signIn(request, E2E_ADMIN);
  const acme = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Acme ${run}`, externalId: `acme-${run}` });
  const globex = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Globex ${run}` });
  await trpcMutation(request, "customers.createUser", { customerId: acme.id, name: "Alice", ...userA });
  await trpcMutation(request, "customers.createUser", { customerId: globex.id, name: "Bob", ...userB });
  const { id: integrationId } = await trpcMutation<{ id: string }>(request, "integrations.import", {
    yaml: wizardEchoYaml(integrationName),
  });
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "first" });

  // the customer user: marketplace → wizard
  const page = await pageAs(browser, baseURL, userA);
  await page.goto("/marketplace");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Marketplace" })).toBeVisible();
  await page.getByRole("link", { name: `Deploy ${integrationName}` }).click();
  await expect(page.locator("#deploy-customer")).toHaveText(`Acme ${run}`);
  await expect(page.getByLabel("Integration")).toHaveValue(integrationId);
  await screenshot(page, "wizard-0-choose");
  await page.getByRole("button", { name: "Next" }).click();

  // page 1: a default prefilled, an empty required credential refused beside it
  await expect(page.getByRole("heading", { name: "Connection" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shop", exact: true })).toBeVisible();
  await expect(page.getByLabel("Shop URL")).toHaveValue("https://shop.example.com/api");
  await expect(page.getByLabel("Shop API key: Key", { exact: true })).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(field(page, "apiKey").getByRole("alert")).toHaveText("Shop API key is required");
  await screenshot(page, "wizard-1-connection-error");
  await page.getByLabel("Shop API key: Key", { exact: true }).fill("sk-live-123");
  await page.getByLabel("Shop API key: Header name", { exact: true }).fill("X-Shop-Key");
  await expect(field(page, "apiKey").getByRole("alert")).toHaveCount(0);
  await screenshot(page, "wizard-1-connection");
  await page.getByRole("button", { name: "Next" }).click();

  // page 2: wrong values refused beside their fields, by the shared schema
  await expect(page.getByRole("heading", { name: "Options" })).toBeVisible();
  await page.getByLabel("Start date").fill("13/40/2026");
  await page.getByLabel("Cutoff").fill("03/15/2026, 09:30 AM");
  await page.getByLabel("Report template").fill("{ not json");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(field(page, "startDate").getByRole("alert")).toHaveText("13/40/2026 is not a day of the calendar");
  await expect(field(page, "template").getByRole("alert")).toContainText("invalid JSON");
  await screenshot(page, "wizard-2-options-errors");
  await page.getByLabel("Start date").fill("03/15/2026");
  await page.getByLabel("Report template").fill('{"title":"Orders"}');
  await page.getByLabel("File store").selectOption("azure");
  await page.getByRole("switch", { name: "Dry run" }).click();
  await page.getByLabel("Sync schedule: kind", { exact: true }).selectOption("cron");
  await page.getByLabel("Sync schedule: cron expression", { exact: true }).fill("*/15 8-17 * * 1-5");
  await page.getByLabel("Sync schedule: time zone", { exact: true }).fill("America/Chicago");
  await expect(page.getByRole("list", { name: "Sync schedule: next runs" }).getByRole("listitem")).toHaveCount(5);
  await screenshot(page, "wizard-2-options");
  await page.getByRole("button", { name: "Next" }).click();

  // review: values as they will be saved, the credential never echoed
  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(page.locator('[data-review="startDate"]')).toHaveText("03/15/2026");
  await expect(page.locator('[data-review="apiKey"]')).toHaveText("•••••••• (new)");
  await expect(page.getByText("sk-live-123")).toHaveCount(0);
  await screenshot(page, "wizard-3-review");
  await page.getByRole("button", { name: "Deploy" }).click();

  // deployed: the webhook URL, and a call to it runs with those values
  await expect(page.getByRole("status")).toContainText("is deployed (version 1)");
  const url = (await page.getByTestId("webhook-url-echo").textContent())!.trim();
  expect(url).toMatch(/\/webhooks\/\S+$/);
  await page.getByText("curl examples").click();
  await expect(page.getByText(`--data-binary @file.png -H 'content-type: image/png' ${url}`)).toBeVisible();
  await screenshot(page, "wizard-4-deployed");
  const expected = {
    shopUrl: "https://shop.example.com/api",
    startDate: "03/15/2026",
    cutoff: "03/15/2026, 09:30 AM",
    store: "azure",
    dryRun: true,
    template: '{"title":"Orders"}',
    sync: { cron: "*/15 8-17 * * 1-5", timezone: "America/Chicago" },
    apiKeySet: true,
  };
  const first = await request.post(url, { headers: { "x-junction-synchronous": "true" }, data: { hello: "world" } });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual(expected);
  await page.getByRole("link", { name: "Open the instance" }).click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  const instanceId = page.url().split("/instances/")[1]!;
  await expect(page.getByTestId("pinned-version")).toHaveText("1");

  // version 2 adds a required variable; an organization user updates the instance to it
  await trpcMutation(request, "integrations.import", { yaml: wizardEchoV2Yaml(integrationName), id: integrationId });
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "asks for a region" });
  const admin = await pageAs(browser, baseURL, E2E_ADMIN);
  await admin.goto(`/instances/${instanceId}`);
  await admin.getByRole("link", { name: "Update to latest version (2)" }).click();
  // the version's note and the new field in words; the YAML only behind the organization's disclosure
  await expect(admin.getByTestId("note-2")).toContainText("asks for a region");
  await expect(admin.getByRole("region", { name: "Configuration changes" })).toContainText("New field: Region (text, required)");
  await admin.getByText("Technical difference").click();
  const diff = admin.getByLabel("Version difference");
  await expect(diff).toContainText("key: region");
  await screenshot(admin, "wizard-5-update-diff");
  await admin.getByRole("button", { name: "Continue to configuration" }).click();
  await expect(admin.getByText("Stored encrypted; it is never shown again.")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Replace Shop API key" })).toBeVisible();
  await screenshot(admin, "wizard-6-update-connection");
  await admin.getByRole("button", { name: "Next" }).click();
  await expect(admin.getByText("new in this version")).toBeVisible();
  await expect(admin.getByLabel("Start date")).toHaveValue("03/15/2026");
  await admin.getByRole("button", { name: "Next" }).click();
  await expect(field(admin, "region").getByRole("alert")).toHaveText("Region is required");
  await admin.getByLabel("Region").fill("eu-west");
  await screenshot(admin, "wizard-7-update-options");
  await admin.getByRole("button", { name: "Next" }).click();
  await expect(admin.locator('[data-review="apiKey"]')).toHaveText("set (kept)");
  await admin.getByRole("button", { name: "Update to version 2" }).click();
  await expect(admin.getByTestId("pinned-version")).toHaveText("2");
  const second = await request.post(url, { headers: { "x-junction-synchronous": "true" }, data: {} });
  expect(await second.json()).toEqual({ ...expected, region: "eu-west" });

  // the org's instance list shows the last run's status
  await admin.goto("/instances");
  await admin.getByLabel("Customer").selectOption({ label: `Acme ${run}` });
  await expect(admin.getByRole("row", { name: new RegExp(integrationName) })).toContainText("succeeded");
  await screenshot(admin, "instances-list");

  // customers: instance counts, and a delete confirmation that names the instances going with it
  await admin.goto("/customers");
  const acmeRow = admin.getByRole("row", { name: new RegExp(`Acme ${run}`) });
  await expect(acmeRow).toContainText(`acme-${run}`);
  await expect(acmeRow.getByRole("cell").nth(2)).toHaveText("1");
  await admin.getByRole("button", { name: `Manage Acme ${run}` }).click();
  await expect(admin.getByText(`<${userA.email}>`)).toBeVisible();
  await admin.getByRole("button", { name: "Delete customer" }).click();
  await expect(admin.getByRole("alertdialog")).toContainText(`${integrationName} for Acme ${run}`);
  await screenshot(admin, "customers-delete-confirmation");
  await admin.getByRole("button", { name: "Cancel" }).click();

  // components: a built-in's current version offers no Remove (it would always be refused), it says Built-in
  await admin.goto("/components");
  const codeVersion = admin.getByRole("group", { name: "code@1.0.0" });
  await expect(codeVersion.getByText("Built-in", { exact: true })).toBeVisible();
  await expect(codeVersion.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await admin.getByRole("button", { name: "code@1.0.0", exact: true }).click();
  await expect(admin.getByText(`${integrationName} for Acme ${run}`)).toBeVisible();
  await screenshot(admin, "components");

  // another customer's user sees none of it
  const bob = await pageAs(browser, baseURL, userB);
  await bob.goto("/instances");
  await expect(bob.getByText("No instances match.")).toBeVisible();
  await expect(bob.getByText(`Acme ${run}`)).toHaveCount(0);
  await bob.goto(`/instances/${instanceId}`);
  await expect(bob.getByText("this belongs to another customer")).toBeVisible();
  for (const [path, input] of [
    ["instances.get", { id: instanceId }],
    ["instances.persistedData", { id: instanceId }],
    ["customers.get", { id: acme.id }],
    ["executions.list", { instanceId, customerId: acme.id }],
  ] as const) {
    expect((await trpcQuery(bob.request, path, input)).status, path).toBe(403);
  }
  const theirs = await trpcQuery(bob.request, "customers.list", undefined);
  expect((theirs.data as { id: string }[]).map((c) => c.id)).toEqual([globex.id]);
});

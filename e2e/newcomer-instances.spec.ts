/**
 * Issue 19 as a newcomer meets instances: the wizard keeps a required field from being emptied
 * and its review shows what will be deployed; "Test a flow" makes a test run and says how it
 * went with a link to it; a customer's Update screen reads the versions' notes and the config
 * fields that change, never YAML; comparing a just-published draft shows no difference, and
 * publishing it again is refused.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";
import { wizardEchoV2Yaml, wizardEchoYaml } from "./support/seed-wizard-integration";

const run = Date.now();
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

async function shots(page: Page, name: string) {
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/h2/${name}-${size.width}.png`, fullPage: true });
  }
}

async function pageAs(browser: Browser, baseURL: string | undefined, user: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  await signIn(page.request, user);
  return page;
}

async function seedPublished(request: APIRequestContext, yaml: string) {
  const { id } = await trpcMutation<{ id: string }>(request, "integrations.import", { yaml });
  await trpcMutation(request, "integrations.publish", { id, note: "First version" });
  return id;
}

const field = (page: Page, key: string) => page.locator(`[data-field="${key}"]`);
const options = { startDate: "03/15/2026", template: '{"title":"Orders"}', apiKey: { key: "sk-1" } };

test("the wizard refuses an emptied required field, and its review shows the values that will be deployed", async ({
  browser,
  request,
  baseURL,
}) => {
  await signIn(request, E2E_ADMIN);
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Wizard newcomer ${run}` });
  const name = `Newcomer Wizard ${run}`;
  const integrationId = await seedPublished(request, wizardEchoYaml(name));

  const page = await pageAs(browser, baseURL, E2E_ADMIN);
  await page.goto("/deploy");
  await page.locator("#deploy-customer").selectOption(customer.id);
  await page.locator("#deploy-integration").selectOption(integrationId);
  await page.getByRole("button", { name: "Next" }).click();

  // the default is shown in the field; emptying it is refused beside it, and Next does not move on
  await expect(page.getByLabel("Shop URL")).toHaveValue("https://shop.example.com/api");
  await page.getByLabel("Shop URL").fill("");
  await page.getByLabel("Shop API key: Key", { exact: true }).fill("sk-live-1");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(field(page, "shopUrl").getByRole("alert")).toHaveText("Shop URL is required: enter a value");
  await expect(page.getByRole("heading", { name: "Connection" })).toBeVisible();
  await shots(page, "wizard-emptied-required");

  // the server refuses it too
  const refused = await request.post("/api/trpc/instances.create", {
    data: { integrationId, customerId: customer.id, configValues: { ...options, shopUrl: "" } },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toContain("Shop URL is required: enter a value");

  await page.getByLabel("Shop URL").fill("https://shop.acme.test");
  await expect(field(page, "shopUrl").getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Start date").fill(options.startDate);
  await page.getByLabel("Report template").fill(options.template);
  // an optional choice left blank deploys its default, and says so
  await page.getByLabel("File store").selectOption("");
  await expect(page.getByLabel("File store").locator("option:checked")).toHaveText("(default: aws)");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(page.locator('[data-review="shopUrl"]')).toHaveText("https://shop.acme.test");
  await expect(page.locator('[data-review="store"]')).toHaveText("aws");
  await expect(page.locator('[data-review="sync"]')).toHaveText("every 1 hours");
  await expect(page.locator('[data-review="dryRun"]')).toHaveText("No");
  await shots(page, "wizard-review-defaults");
  await page.getByRole("button", { name: "Deploy" }).click();
  await page.getByRole("link", { name: "Open the instance" }).click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  const instanceId = page.url().split("/instances/")[1]!;
  const config = async () =>
    ((await trpcQuery(request, "instances.get", { id: instanceId })).data as { config: Record<string, unknown> }).config;
  // what the review showed is what was stored
  expect(await config()).toMatchObject({ shopUrl: "https://shop.acme.test", store: "aws", sync: { every: 1, unit: "hours" } });

  // reconfiguring: a choice made, then emptied again, goes back to the default the review shows
  const reconfigure = async (store: string, reviewed: string) => {
    await page.goto(`/instances/${instanceId}/configure`);
    await expect(page.getByLabel("Shop URL")).toHaveValue("https://shop.acme.test");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("File store").selectOption(store);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.locator('[data-review="store"]')).toHaveText(reviewed);
    await page.getByRole("button", { name: "Save configuration" }).click();
    await expect(page).toHaveURL(new RegExp(`/instances/${instanceId}$`));
  };
  await reconfigure("azure", "azure");
  expect((await config()).store).toBe("azure");
  await reconfigure("", "aws");
  expect((await config()).store).toBe("aws");
});

const twoFlows = (name: string) => `definitionVersion: 1
name: ${name}
configPages:
  - name: Options
    elements:
      - configVar: { key: region, label: Region, type: string, required: true }
flows:
  - name: Echo region
    trigger: { type: webhook }
    steps:
      - name: Echo
        action: code.runCode
        inputs:
          code: { value: "module.exports = async ({ configVars }, s) => ({ data: { region: configVars.region, got: s.trigger.results.body } });" }
  - name: Always fails
    trigger: { type: webhook }
    steps:
      - name: Call the shop
        action: code.runCode
        inputs:
          code: { value: "module.exports = async () => { throw new Error('the shop said no'); };" }
`;

test("Test a flow makes a test run: the outcome in words, the result or error, a link to the run, and no live run counted", async ({
  page,
  request,
}) => {
  await signIn(request, E2E_ADMIN);
  await signIn(page.request, E2E_ADMIN);
  await page.setViewportSize(VIEWPORTS[0]);
  const integrationId = await seedPublished(request, twoFlows(`Newcomer Test Flow ${run}`));
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Test flow newcomer ${run}` });
  const { id } = await trpcMutation<{ id: string }>(request, "instances.create", {
    integrationId,
    customerId: customer.id,
    configValues: { region: "eu-west" },
  });

  await page.goto(`/instances/${id}`);
  await expect(page.getByText("not counted in failure rates or dashboards")).toBeVisible();
  await page.getByLabel("Test payload").fill('{ "order": 42 }');
  await page.getByRole("button", { name: "Run flow" }).click();
  const outcome = page.getByTestId("test-outcome");
  await expect(outcome.getByRole("status")).toContainText(/The test run of Echo region succeeded in \d+ ms\./);
  await expect(outcome).toContainText('"region": "eu-west"');
  await expect(outcome).toContainText('"order": 42');
  await shots(page, "test-flow-succeeded");

  await page.locator("#test-flow").selectOption({ label: "Always fails" });
  await page.getByRole("button", { name: "Run flow" }).click();
  await expect(outcome.getByRole("status")).toHaveText(/The test run of Always fails failed in the step “Call the shop”\./);
  await expect(outcome).toContainText("the shop said no");
  await shots(page, "test-flow-failed");

  // both are test runs: none counts as a live run of the instance
  const live = await trpcQuery(request, "executions.list", { instanceId: id, isTest: false });
  expect((live.data as { items: unknown[] }).items).toEqual([]);
  const tests = await trpcQuery(request, "executions.list", { instanceId: id, isTest: true });
  expect((tests.data as { items: unknown[] }).items).toHaveLength(2);

  await outcome.getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(/\/monitoring\/executions\/[0-9a-f-]{36}$/);
  await expect(page.getByText("the shop said no").first()).toBeVisible();
});

test("a customer's Update screen reads each version's note and the config fields that change, never YAML", async ({
  browser,
  request,
  baseURL,
}) => {
  await signIn(request, E2E_ADMIN);
  const name = `Newcomer Update ${run}`;
  const integrationId = await seedPublished(request, wizardEchoYaml(name));
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Update newcomer ${run}` });
  const user = { email: `carol-${run}@update.test`, password: "carol-password-1" };
  await trpcMutation(request, "customers.createUser", { customerId: customer.id, name: "Carol", ...user });
  const { id } = await trpcMutation<{ id: string }>(request, "instances.create", {
    integrationId,
    customerId: customer.id,
    configValues: options,
  });
  await trpcMutation(request, "integrations.import", { yaml: wizardEchoV2Yaml(name), id: integrationId });
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "Orders are now sent to your region's warehouse." });
  const v3 = wizardEchoV2Yaml(name).replace("label: Shop URL,", "label: Shop address,");
  await trpcMutation(request, "integrations.import", { yaml: v3, id: integrationId });
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "Clearer field names." });

  const page = await pageAs(browser, baseURL, user);
  await page.goto(`/instances/${id}`);
  await page.getByRole("link", { name: "Update to latest version (3)" }).click();
  await expect(page.getByTestId("note-2")).toContainText("Orders are now sent to your region's warehouse.");
  await expect(page.getByTestId("note-3")).toContainText("Clearer field names.");
  const changes = page.getByRole("region", { name: "Configuration changes" });
  await expect(changes).toContainText("New field: Region (text, required)");
  await expect(changes).toContainText("Shop address: renamed from Shop URL");
  // no steps, code or YAML for a customer
  await expect(page.getByText("Technical difference")).toHaveCount(0);
  await expect(page.getByLabel("Version difference")).toHaveCount(0);
  await expect(page.getByText("module.exports")).toHaveCount(0);
  await expect(page.getByText("runCode")).toHaveCount(0);
  await shots(page, "update-customer");
  await page.getByRole("button", { name: "Continue to configuration" }).click();
  await expect(page.getByRole("heading", { name: "Connection" })).toBeVisible();

  // an organization user keeps the technical difference, behind a disclosure
  const admin = await pageAs(browser, baseURL, E2E_ADMIN);
  await admin.goto(`/instances/${id}/update`);
  await expect(admin.getByLabel("Version difference")).toBeHidden();
  await admin.getByText("Technical difference").click();
  await expect(admin.getByLabel("Version difference")).toContainText("key: region");
  await shots(admin, "update-admin-technical");
});

test("comparing version 1 with the draft just published shows no difference; publishing it again is refused", async ({ page, request }) => {
  await signIn(request, E2E_ADMIN);
  await signIn(page.request, E2E_ADMIN);
  await page.setViewportSize(VIEWPORTS[0]);
  const integrationId = await seedPublished(request, twoFlows(`Newcomer Versions ${run}`));

  await page.goto(`/integrations/${integrationId}`);
  await page.getByRole("button", { name: "Publish…" }).click();
  const publication = page.getByRole("complementary", { name: "Publication" });
  const compare = publication.getByRole("region", { name: "Compare versions" });
  await expect(compare.getByLabel("Compare from")).toHaveValue("1");
  await expect(compare.getByLabel("Compare to")).toHaveValue("draft");
  await expect(compare).toContainText("No differences.");
  await expect(compare).not.toContainText("componentVersions");

  // a second version needs a note: customers read it before they update
  await publication.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publication.getByRole("alert")).toHaveText("Write what changed in this version: customers read it before they update.");
  await publication.getByLabel("What changed").fill("Nothing, really");
  await publication.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publication.getByRole("alert")).toHaveText("Nothing changed since version 1: change the draft before publishing it again.");
  await expect(publication.getByTestId("version-2")).toHaveCount(0);
  await shots(page, "publish-nothing-changed");
});

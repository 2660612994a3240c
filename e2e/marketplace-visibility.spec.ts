/**
 * Marketplace visibility and config presets in Chromium against the real server: the organization
 * shows an integration to one customer with an icon and a category, presets a hidden region, a
 * read-only endpoint and a read-only API key for it; that customer's user finds it in the
 * marketplace and deploys it with the presets locked; another customer sees nothing and cannot
 * deploy it through the API; the CLI hides it.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { screenshot } from "./support/auth";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = Date.now();
const name = `Preset Sync ${run}`;
const acmeUser = { email: `ann-${run}@acme.test`, password: "ann-password-12" };
const globexUser = { email: `gus-${run}@globex.test`, password: "gus-password-12" };
const SECRET = `sk_live_${run}`;
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0f766e"/><path d="M10 20h20M20 10v20" stroke="#fff" stroke-width="5"/></svg>`;

const yaml = `definitionVersion: 1
name: ${name}
description: Keeps orders in step with the provider's region.
configPages:
  - name: Connection
    elements:
      - configVar: { key: region, label: Region, type: picklist, options: [eu, us], required: true }
      - configVar: { key: endpoint, label: Endpoint, type: string, required: true }
      - configVar: { key: apiKey, label: API key, type: credential, credentialType: apiKey, required: true }
      - configVar: { key: greeting, label: Greeting, type: string, required: true }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

async function pageAs(browser: Browser, baseURL: string | undefined, user: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signIn(page.request, user);
  return page;
}

function junction(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
  const options = { cwd: ROOT, encoding: "utf8" as const, env: { ...base, ...env } as unknown as NodeJS.ProcessEnv };
  return new Promise((resolve) =>
    execFile(process.execPath, [join(ROOT, "cli", "bin", "junction.mjs"), ...args], options, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

test("visible to one customer, presets locked in its wizard, hidden from another and through the CLI", async ({
  browser,
  request,
  baseURL,
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(request, E2E_ADMIN);
  const acme = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Acme ${run}` });
  const globex = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Globex ${run}` });
  await trpcMutation(request, "customers.createUser", { customerId: acme.id, name: "Ann", ...acmeUser });
  await trpcMutation(request, "customers.createUser", { customerId: globex.id, name: "Gus", ...globexUser });
  const { id: integrationId } = await trpcMutation<{ id: string }>(request, "integrations.import", { yaml });
  await trpcMutation(request, "integrations.publish", { id: integrationId });

  // the organization: visibility, icon and a category in the designer's publication pane
  await signIn(page.request, E2E_ADMIN);
  await page.goto(`/integrations/${integrationId}`);
  await page.getByRole("button", { name: "Publish…" }).click();
  const market = page.getByRole("complementary", { name: "Publication" }).getByRole("region", { name: "Marketplace" });
  await market.getByLabel("Chosen customers").check();
  await market.getByLabel("Filter customers").fill(`${run}`);
  await market.getByLabel(`Acme ${run}`).check();
  await market.getByLabel("Upload icon").setInputFiles({ name: "icon.svg", mimeType: "image/svg+xml", buffer: Buffer.from(ICON) });
  await expect(market.locator("img")).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  await market.getByLabel("Upload icon").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(70_000) });
  await expect(market.getByRole("alert")).toContainText("an icon is at most 64 KB");
  await market.getByLabel("New category").fill("Orders");
  await market.getByRole("button", { name: "Add", exact: true }).click();
  await expect(market.getByRole("list", { name: "Categories" })).toContainText("Orders");
  await market.getByRole("button", { name: "Save marketplace settings" }).click();
  await expect(market.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await market.scrollIntoViewIfNeeded();
  await screenshot(page, "marketplace-section");
  // categories reach customers with the next published version
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "categories" });

  // presets on the customer's page
  await page.goto("/customers");
  await page.getByRole("button", { name: `Manage Acme ${run}` }).click();
  const presets = page.getByRole("region", { name: "Config presets" });
  await presets.getByLabel("Integration for presets").selectOption(integrationId);
  const row = (key: string) => presets.locator(`[data-preset-row="${key}"]`);
  await row("region").getByRole("button", { name: "Preset" }).click();
  await row("region").getByLabel("Region", { exact: true }).selectOption("eu");
  await row("region").getByLabel("Preset mode of Region").selectOption("hidden");
  await row("region").getByRole("button", { name: "Save preset" }).click();
  await expect(row("region")).toContainText("Hidden from the customer · eu");
  await row("endpoint").getByRole("button", { name: "Preset" }).click();
  await row("endpoint").getByLabel("Endpoint", { exact: true }).fill("https://provider.example.test/orders");
  await row("endpoint").getByRole("button", { name: "Save preset" }).click();
  await expect(row("endpoint")).toContainText("Read-only for the customer · https://provider.example.test/orders");
  await row("apiKey").getByRole("button", { name: "Preset" }).click();
  await row("apiKey").getByRole("button", { name: "Save preset" }).click();
  await expect(row("apiKey").getByRole("alert")).toContainText("a preset of API key needs a value");
  await row("apiKey").getByLabel("API key: Key", { exact: true }).fill(SECRET);
  await row("apiKey").getByRole("button", { name: "Save preset" }).click();
  await expect(row("apiKey")).toContainText("Read-only for the customer · set (credential, not shown)");
  await expect(presets).not.toContainText(SECRET);
  await screenshot(page, "customer-presets");

  // Acme's user: the marketplace with icon and category, the wizard with the presets locked
  const ann = await pageAs(browser, baseURL, acmeUser);
  await ann.goto("/marketplace");
  const card = ann.getByRole("listitem").filter({ hasText: name });
  await expect(card.locator("img")).toHaveAttribute("src", /^data:image\/svg\+xml/);
  await expect(card.getByRole("list", { name: "Categories" })).toHaveText("Orders");
  await screenshot(ann, "marketplace-customer");
  await card.getByRole("link", { name: `Deploy ${name}` }).click();
  await ann.getByRole("button", { name: "Next" }).click();
  await expect(ann.getByRole("heading", { name: "Connection" })).toBeVisible();
  await expect(ann.locator('[data-field="region"]')).toHaveCount(0);
  await expect(ann.locator('[data-preset="endpoint"]')).toContainText("set by your provider");
  await expect(ann.getByLabel("Endpoint")).toBeDisabled();
  await expect(ann.getByLabel("Endpoint")).toHaveValue("https://provider.example.test/orders");
  await expect(ann.locator('[data-preset="apiKey"]')).toContainText("set by your provider");
  await ann.getByLabel("Greeting").fill("hello");
  await screenshot(ann, "wizard-presets");
  await ann.getByRole("button", { name: "Next" }).click();
  await ann.getByRole("button", { name: "Deploy" }).click();
  await expect(ann.getByRole("status")).toContainText("is deployed");
  expect(await ann.content()).not.toContain(SECRET);

  // Globex's user: not in its marketplace, NOT_FOUND on read, FORBIDDEN on deploy through the API
  const gus = await pageAs(browser, baseURL, globexUser);
  await gus.goto("/marketplace");
  await expect(gus.getByRole("heading", { name: "Marketplace" })).toBeVisible();
  await expect(gus.getByText(name)).toHaveCount(0);
  expect((await trpcQuery(gus.request, "marketplace.published", { id: integrationId })).status).toBe(404);
  const refused = await gus.request.post("/api/trpc/instances.create", {
    data: { integrationId, customerId: globex.id, configValues: { greeting: "x" } },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe("this integration is not available to your customer");

  // the CLI hides it from everyone; Ann's deployed instance keeps running
  const token = await trpcMutation<{ token: string }>(request, "tokens.create", { name: `visibility-${run}` });
  const env = { JUNCTION_URL: baseURL!, JUNCTION_TOKEN: token.token, XDG_CONFIG_HOME: join(ROOT, "test-results", `cli-${run}`) };
  const hidden = await junction(["integrations:visibility", integrationId, "--visibility", "hidden"], env);
  expect(hidden).toMatchObject({ code: 0, stdout: `Integration ${integrationId} is hidden from every customer\n` });
  const shown = await junction(
    ["integrations:visibility", integrationId, "--visibility", "customers", "--customers", acme.id, "-o", "json"],
    env,
  );
  expect(JSON.parse(shown.stdout)).toMatchObject({ visibility: "customers", customerIds: [acme.id] });
  await junction(["integrations:visibility", integrationId, "--visibility", "hidden"], env);
  const bad = await junction(["integrations:visibility", integrationId, "--visibility", "all", "--customers", acme.id], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("--customers goes with --visibility customers");
  await ann.goto("/marketplace");
  await expect(ann.getByRole("heading", { name: "Marketplace" })).toBeVisible();
  await expect(ann.getByText(name)).toHaveCount(0);
  const instances = (await trpcQuery(ann.request, "instances.list", {})).data as { integrationId: string; enabled: boolean }[];
  expect(instances.filter((i) => i.integrationId === integrationId)).toEqual([expect.objectContaining({ enabled: true })]);
});

/**
 * The Components marketplace in Chromium against the real server and the verdaccio registry it
 * started (e2e/support/serve-e2e.ts): search the registry, install a connector-like package by
 * clicking Install, see it installed; publish a newer version, see "Upgrade to", click it, and
 * see both versions installed side by side.
 */
import { expect, test } from "@playwright/test";
import { writeFixturePackage } from "@/components-registry/npm/fixture-package";
import { npmPublish } from "@/components-registry/npm/npm-publish";
import { screenshot, signInAsAdmin } from "./support/auth";
import { trpcQuery } from "./support/seed-trpc";

const run = Date.now();
const name = `@e2e-fixtures/echo-${run}`;
const key = `echo${run}`;

async function publish(registry: string, version: string) {
  const pkg = writeFixturePackage({ name, key, label: "E2E Echo", version, description: "Echoes messages back, for the marketplace test" });
  try {
    await npmPublish(pkg.dir, registry);
  } finally {
    pkg.remove();
  }
}

test("search the registry, install, upgrade to a newer version with the old one kept", async ({ page }) => {
  // two publishes and two installs (each bundled and read in a sandbox): slow on a busy machine
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const settings = await trpcQuery(page.request, "components.registry.settings", undefined);
  const registry = (settings.data as { url: string }).url;
  expect(registry).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await publish(registry, "1.0.0");

  await page.goto("/components");
  await page.getByRole("tab", { name: "Registry" }).click();
  await page.getByLabel("Search the registry").fill(`echo-${run}`);
  const card = page.getByRole("listitem", { name });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Echoes messages back, for the marketplace test");
  await expect(card).toContainText("latest 1.0.0");
  await expect(card).toContainText("not installed");
  await screenshot(page, "component-marketplace-search");

  // details: versions, readme as text (its <script> shown, not run), the action and connection
  await card.getByRole("button", { name: "Details" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByLabel("Actions")).toContainText("Echo");
  await expect(page.getByLabel("Connections")).toContainText("Fixture account");
  await expect(page.getByLabel("Readme")).toContainText('<script>alert("readme")</script>');
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("1.0.0");
  await screenshot(page, "component-marketplace-detail");
  await page.getByRole("button", { name: "← All packages" }).click();

  await card.getByRole("button", { name: "Install" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Install ${name}@1.0.0?`);
  await dialog.getByRole("button", { name: "Install 1.0.0" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("installed 1.0.0");

  await publish(registry, "1.1.0");
  // a fresh look at the registry, as a user coming back to the page
  await page.reload();
  await page.getByRole("tab", { name: "Registry" }).click();
  await page.getByLabel("Search the registry").fill(`echo-${run}`);
  await expect(card.getByRole("button", { name: "Upgrade to 1.1.0" })).toBeVisible();
  await screenshot(page, "component-marketplace-upgrade");
  await card.getByRole("button", { name: "Upgrade to 1.1.0" }).click();
  await expect(dialog).toContainText("Installed now: 1.0.0. Those stay installed");
  await screenshot(page, "component-marketplace-upgrade-confirm");
  await dialog.getByRole("button", { name: "Upgrade to 1.1.0" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("installed 1.1.0, 1.0.0");
  await expect(card.getByRole("button", { name: /Upgrade/ })).toHaveCount(0);

  await page.getByRole("tab", { name: "Installed" }).click();
  await expect(page.getByRole("button", { name: `${key}@1.1.0`, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `${key}@1.0.0`, exact: true })).toBeVisible();
  await screenshot(page, "component-marketplace-installed");
});

test("Settings → Component registry shows the registry and never a token", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings/registry");
  await expect(page.getByRole("link", { name: "Component registry" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(/Installing now from http:\/\/127\.0\.0\.1:\d+\//)).toBeVisible();
  await page.getByLabel("Token").fill("npm_e2e_secret_token");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByText("A token is set.")).toBeVisible();
  await expect(page.getByLabel("Token")).toHaveValue("");
  expect(await page.content()).not.toContain("npm_e2e_secret_token");
  await screenshot(page, "component-registry-settings");
  await page.getByRole("button", { name: "Remove token" }).click();
  await expect(page.getByText(/For a private registry/)).toBeVisible();
});

test("the connector packages the e2e server published install from the page", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  await page.goto("/components");
  await page.getByRole("tab", { name: "Registry" }).click();
  await page.getByLabel("Search the registry").fill("@junction-connectors/");
  const cards = page.getByRole("list", { name: "Registry packages" }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  const names = (await cards.evaluateAll((items) => items.map((i) => i.getAttribute("aria-label") ?? ""))).filter((n) =>
    n.startsWith("@junction-connectors/"),
  );
  expect(names.length).toBeGreaterThan(0);
  for (const connector of names) {
    const card = page.getByRole("listitem", { name: connector, exact: true });
    const install = card.getByRole("button", { name: "Install" });
    // an earlier run on this database may have installed it already
    if ((await install.count()) === 0) continue;
    await install.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: /^Install / }).click();
    await expect(dialog, connector).toBeHidden({ timeout: 30_000 });
    await expect(card).toContainText("installed ");
  }
  await screenshot(page, "component-marketplace-connectors");
});

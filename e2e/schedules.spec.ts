/**
 * Issue 18, schedules at a time of day: the designer sets "every 1 week on Monday at 09:00
 * Europe/Berlin" on a flow's trigger, shows its next runs in that zone and saves it in the YAML;
 * the deployment wizard's schedule field offers the same, its review says it in words and the
 * instance stores it. At 1280×720 and 1440×900.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { signInAsAdmin } from "./support/auth";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now();
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

async function shots(page: Page, name: string) {
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/h5/${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS[0]!);
}

const MONDAY_9_BERLIN = { every: 1, unit: "weeks", weekday: "monday", at: "09:00", timezone: "Europe/Berlin" };

test.use({ viewport: VIEWPORTS[0] });

test("designer: every 1 week on Monday at 09:00 Europe/Berlin, its next runs in that zone, saved in the YAML", async ({ page }) => {
  await signInAsAdmin(page);
  const { id } = await trpcMutation<{ id: string }>(page.request, "integrations.import", {
    yaml: `definitionVersion: 1
name: Weekly report ${run}
flows:
  - name: Weekly report
    trigger: { type: schedule, schedule: { every: 1, unit: hours } }
    steps: []
`,
  });
  await page.goto(`/integrations/${id}`);
  await page.getByTestId("trigger").click();
  const config = page.getByRole("complementary", { name: "Configuration" });
  // hours take no time of day
  await expect(config.getByLabel("Time of day")).toHaveCount(0);
  await config.getByLabel("Unit").selectOption("weeks");
  // weeks picked now start on Monday
  await expect(config.getByLabel("Weekday")).toHaveValue("monday");
  await config.getByLabel("Weekday").selectOption("tuesday");
  await config.getByLabel("Weekday").selectOption("monday");
  await config.getByLabel("Time of day").fill("09:00");
  await config.getByLabel("Time zone").fill("Europe/Berlinn");
  await expect(config.getByRole("alert")).toHaveText('"Europe/Berlinn" is not a time zone (e.g. Europe/Berlin, America/New_York or UTC)');
  await config.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(config.getByRole("alert")).toHaveCount(0);
  const runs = config.getByRole("list", { name: "Next runs" }).getByRole("listitem");
  await expect(runs).toHaveCount(5);
  for (const item of await runs.all()) await expect(item).toHaveText(/^Mon, .* 09:00$/);
  await expect(config.getByText("Next 5 runs (Europe/Berlin)")).toBeVisible();
  await expect(page.getByTestId("trigger")).toContainText("Every 1 weeks on Monday at 09:00 (Europe/Berlin)");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await shots(page, "designer-weekly-schedule");

  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(page.getByLabel("Definition YAML").locator(".cm-content")).toContainText(
    "schedule: { every: 1, unit: weeks, weekday: monday, at: 09:00, timezone: Europe/Berlin }",
  );

  // the saved draft holds it, and a reload shows it
  const got = (await trpcQuery(page.request, "integrations.get", { id })) as { data: { draft: { flows: { trigger: unknown }[] } } };
  expect(got.data.draft.flows[0]!.trigger).toEqual({ type: "schedule", schedule: MONDAY_9_BERLIN });
  await page.reload();
  await page.getByTestId("trigger").click();
  await expect(config.getByLabel("Weekday")).toHaveValue("monday");
  await expect(config.getByLabel("Time of day")).toHaveValue("09:00");
  await expect(config.getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  // back to hours: the calendar fields go with it
  await config.getByLabel("Unit").selectOption("hours");
  await expect(config.getByLabel("Time zone")).toHaveCount(0);
  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(page.getByLabel("Definition YAML").locator(".cm-content")).toContainText("schedule: { every: 1, unit: hours }");
});

test("wizard: the schedule field offers a weekday, a time of day and a time zone; the review says it and the instance stores it", async ({
  page,
  request,
}) => {
  await signIn(request, E2E_ADMIN);
  await signIn(page.request, E2E_ADMIN);
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Schedules ${run}` });
  const { id: integrationId } = await trpcMutation<{ id: string }>(request, "integrations.import", {
    yaml: `definitionVersion: 1
name: Weekly sync ${run}
configPages:
  - name: When
    elements:
      - configVar: { key: sync, label: Sync schedule, type: schedule, default: { every: 1, unit: hours } }
flows:
  - name: Sync
    trigger: { type: schedule, schedule: { configVar: sync } }
    steps: []
`,
  });
  await trpcMutation(request, "integrations.publish", { id: integrationId, note: "First version" });

  await page.goto("/deploy");
  await page.locator("#deploy-customer").selectOption(customer.id);
  await page.locator("#deploy-integration").selectOption(integrationId);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Sync schedule: kind", { exact: true })).toHaveValue("every");
  await page.getByLabel("Sync schedule: unit", { exact: true }).selectOption("weeks");
  // days and longer start in the person's own zone
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(page.getByLabel("Sync schedule: Time zone", { exact: true })).toHaveValue(browserZone);
  await page.getByLabel("Sync schedule: Weekday", { exact: true }).selectOption("monday");
  await page.getByLabel("Sync schedule: Time of day", { exact: true }).fill("09:00");
  await page.getByLabel("Sync schedule: Time zone", { exact: true }).fill("Europe/Berlin");
  const runs = page.getByRole("list", { name: "Sync schedule: next runs" }).getByRole("listitem");
  await expect(runs).toHaveCount(5);
  for (const item of await runs.all()) await expect(item).toHaveText(/^Mon, .* 09:00$/);
  await shots(page, "wizard-weekly-schedule");
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(page.locator('[data-review="sync"]')).toHaveText("every 1 weeks on Monday at 09:00 (Europe/Berlin)");
  await page.getByRole("button", { name: "Deploy" }).click();
  await page.getByRole("link", { name: "Open the instance" }).click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  const instanceId = page.url().split("/instances/")[1]!;
  const instance = (await trpcQuery(request, "instances.get", { id: instanceId })) as { data: { config: Record<string, unknown> } };
  expect(instance.data.config.sync).toEqual(MONDAY_9_BERLIN);
});

/**
 * The integration designer, through the UI alone: the seed's examples (fetch users, loop over them
 * with a code step, branch on a picklist config variable), a test run with outputs and logs, a
 * drag to reorder, a rename whose references follow, and publishing with a note.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { screenshot, signInAsAdmin } from "./support/auth";
import { addStep, dragStepOnto, selectStep, setCode, startUsersServer, stepCard } from "./support/designer-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

const CODE = `module.exports = async ({ logger }, stepResults) => {
  const user = stepResults.loopOverItems.currentItem;
  logger.info(\`Processed \${user.name}\`);
  return { data: \`Processed \${user.name}\` };
};
`;

test("build, test, reorder, rename and publish an integration in the designer", async ({ page }) => {
  test.setTimeout(180_000);
  const users = await startUsersServer();
  try {
    await signInAsAdmin(page);
    await page.goto("/integrations");
    await page.getByRole("button", { name: "+ Integration" }).click();
    const name = `Users to file stores ${Date.now()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Description", { exact: true }).fill("Fetches users and stores them where each customer wants");
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("trigger")).toContainText("Webhook");
    const config = page.getByTestId("step-config");

    // fetch users from the local API
    await addStep(page, "after the trigger", "http get", /HTTP · GET Request/);
    await expect(stepCard(page, "GET Request")).toBeVisible();
    await config.getByLabel("URL *", { exact: true }).fill(`${users.url}/users`);

    // loop over them …
    await addStep(page, "after GET Request", "loop", /Loop · Loop Over Items/);
    await config.getByRole("radiogroup", { name: "Items input type" }).getByRole("radio", { name: "Reference" }).click();
    await config.locator("#input-items").click();
    await page.getByRole("option", { name: "getRequest.results", exact: true }).click();
    await expect(config.locator("#input-items")).toHaveValue("getRequest.results");

    // … with a code step inside the loop
    await addStep(page, "at the start of Loop Over Items", "run code", /Code · Run Code/);
    await expect(page.getByTestId("loop-Loop Over Items").getByTestId("step-Run Code")).toBeVisible();
    await setCode(page, config, CODE);
    await expect(config.locator(".cm-content")).toContainText("stepResults.loopOverItems.currentItem");

    // a picklist config variable: where each customer keeps files
    await page.getByRole("button", { name: "Config variables" }).click();
    const drawer = page.getByRole("dialog", { name: "Config variables" });
    await drawer.getByRole("button", { name: "+ Variable" }).click();
    await drawer.getByLabel("Key", { exact: true }).fill("fileStore");
    await drawer.getByLabel("Label", { exact: true }).fill("File store");
    await drawer.getByLabel("Type", { exact: true }).selectOption("picklist");
    await drawer.getByLabel("Options").fill("aws, azure, dropbox");
    await drawer.getByLabel("Default", { exact: true }).selectOption("aws");
    await drawer.getByLabel("Description").fill("Where this customer keeps its files");
    await screenshot(page, "designer-config-variables");
    await drawer.getByRole("button", { name: "Close config variables" }).click();

    // branch on it, one branch per store
    await addStep(page, "after Loop Over Items", "branch value", /Branch · Branch on Value/);
    await config.getByRole("radiogroup", { name: "Value input type" }).getByRole("radio", { name: "Config var" }).click();
    await config.locator("#input-value").selectOption("fileStore");
    await config.getByLabel("Branch 1 name").fill("AWS");
    await config.getByLabel("Branch 1 when").fill("aws");
    for (const [i, store] of [
      [2, "Azure"],
      [3, "Dropbox"],
    ] as const) {
      await config.getByRole("button", { name: "+ Branch" }).click();
      await config.getByLabel(`Branch ${i} name`).fill(store);
      await config.getByLabel(`Branch ${i} when`).fill(store.toLowerCase());
    }
    for (const lane of ["AWS", "Azure", "Dropbox", "Else"]) await expect(page.getByTestId(`lane-${lane}`)).toBeVisible();
    await addStep(page, "at the start of Branch on Value branch AWS", "run code", /Code · Run Code/);
    await expect(page.getByTestId("lane-AWS").getByTestId("step-Run Code 2")).toBeVisible();
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await screenshot(page, "designer-editor");

    // run it from the testing pane
    const testing = page.getByRole("region", { name: "Testing" });
    await testing.getByRole("button", { name: "Save & Run Test" }).click();
    await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
    await testing.getByLabel("Step", { exact: true }).selectOption({ label: "GET Request — succeeded" });
    await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"Bob Smith"');
    await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Loop Over Items — succeeded" });
    await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"Processed Sally Smith"');
    await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Branch on Value — succeeded" });
    await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"AWS"');
    await screenshot(page, "designer-testing-outputs");
    await testing.getByRole("tab", { name: "Logs" }).click();
    await expect(testing.getByRole("list", { name: "Test logs" })).toContainText("Processed Bob Smith");
    await expect(testing.getByRole("list", { name: "Test logs" })).toContainText("Processed Sally Smith");
    await screenshot(page, "designer-testing-logs");

    // the reference picker now offers paths seen in the run
    await selectStep(page, "Run Code 2");
    await config.getByRole("radiogroup", { name: "Code input type" }).getByRole("radio", { name: "Reference" }).click();
    await config.locator("#input-code").click();
    await expect(page.getByRole("option", { name: "getRequest.results[0].name", exact: true })).toBeVisible();
    await expect(page.getByRole("option", { name: "loopOverItems.results", exact: true })).toBeVisible();
    await screenshot(page, "designer-configuration");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(config.getByRole("radiogroup", { name: "Code input type" }).getByRole("radio", { name: "Value" })).toHaveAttribute(
      "aria-checked",
      "true",
    );

    // drag the branch above the loop
    const y = async (step: string) => (await stepCard(page, step).boundingBox())!.y;
    expect(await y("Branch on Value")).toBeGreaterThan(await y("Loop Over Items"));
    await dragStepOnto(page, "Branch on Value", "Loop Over Items");
    await expect.poll(async () => (await y("Branch on Value")) < (await y("Loop Over Items"))).toBe(true);

    // rename: references follow, in inputs and in code
    await page.getByRole("button", { name: /^Step name GET Request: GET Request/ }).click();
    await page.getByLabel("Step name GET Request", { exact: true }).fill("Fetch users");
    await page.keyboard.press("Enter");
    await expect(stepCard(page, "Fetch users")).toBeVisible();
    await page.getByRole("button", { name: /^Step name Loop Over Items:/ }).click();
    await page.getByLabel("Step name Loop Over Items", { exact: true }).fill("Loop over users");
    await page.keyboard.press("Enter");
    await selectStep(page, "Loop over users");
    await expect(config.locator("#input-items")).toHaveValue("fetchUsers.results");
    await selectStep(page, "Run Code");
    await expect(config.locator(".cm-content")).toContainText("stepResults.loopOverUsers.currentItem");
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    // still runs after the move and the renames
    const firstRun = await testing.getByTestId("run-status").getAttribute("data-run-id");
    await testing.getByRole("button", { name: "Save & Run Test" }).click();
    await expect(testing.getByTestId("run-status")).not.toHaveAttribute("data-run-id", firstRun!);
    await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
    await testing.getByRole("tab", { name: "Logs" }).click();
    await expect(testing.getByRole("list", { name: "Test logs" })).toContainText("Processed Bob Smith");

    // the YAML tab shows the same definition
    await page.getByRole("tab", { name: "YAML" }).click();
    await expect(page.getByLabel("Definition YAML").locator(".cm-content")).toContainText("action: branch.branchOnValue");
    await screenshot(page, "designer-yaml");
    await page.getByRole("tab", { name: "Designer" }).click();

    // publish with a note
    await page.getByRole("button", { name: "Publish…" }).click();
    const publication = page.getByRole("complementary", { name: "Publication" });
    await publication.getByLabel("What changed").fill("Users to file stores, first version");
    await publication.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(publication.getByRole("status")).toHaveText("Published version 1.");
    await expect(publication.getByTestId("version-1")).toContainText("Users to file stores, first version");
    await expect(publication.getByTestId("version-1")).toContainText("admin@e2e.junction.test");
    const compare = publication.getByRole("region", { name: "Compare versions" });
    await expect(compare.getByLabel("YAML differences")).toContainText("componentVersions");
    await screenshot(page, "designer-publication");

    // the list shows it with its version
    await page.goto("/integrations");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("v1");
  } finally {
    await users.close();
  }
});

test("the integrations list: import YAML, search, filter by description and labels, fork and delete", async ({ page }) => {
  await signInAsAdmin(page);
  const stamp = Date.now();
  const name = `Imported order sync ${stamp}`;
  const yaml = readFileSync("e2e/fixtures/cli-order-sync.yml", "utf8").replace(/^name: .*$/m, `name: ${name}`);
  await page.goto("/integrations");
  await page.getByLabel("YAML file to import").setInputFiles({ name: "order-sync.yml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("button", { name: new RegExp(`^Integration name: ${name}`) })).toBeVisible();

  await page.goto("/integrations");
  const search = page.getByLabel("Search integrations");
  await search.fill(`order sync ${stamp}`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("unpublished");
  // the description says "Used by e2e/cli.spec.ts": only Filter searches descriptions
  await search.fill(`cli.spec`);
  await expect(page.getByText("No integration matches.")).toBeVisible();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await screenshot(page, "designer-integrations-list");

  await page
    .getByRole("button", { name: `Fork ${name}` })
    .first()
    .click();
  const forkName = `Forked order sync ${stamp}`;
  await page.getByLabel("New name").fill(forkName);
  await page.getByRole("button", { name: "Add" }).click();
  await search.fill(`${stamp}`);
  await expect(page.getByRole("row", { name: new RegExp(forkName) })).toBeVisible();

  await page.getByRole("button", { name: `Delete ${forkName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${forkName}?` });
  await expect(dialog).toContainText("not deployed anywhere");
  await dialog.getByRole("button", { name: "Remove integration" }).click();
  await expect(page.getByRole("row", { name: new RegExp(forkName) })).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

/**
 * The designer as a newcomer meets it (issue 19): an integration built, tested and published
 * without typing a reference or opening the YAML tab — every reference comes from the data picker —
 * and the mistakes a newcomer makes shown where they are, with the draft saved all the same.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { screenshot, signInAsAdmin } from "./support/auth";
import { addStep, selectStep, setCode, startUsersServer, stepCard } from "./support/designer-helpers";

const config = (page: Page) => page.getByTestId("step-config");

async function newIntegration(page: Page, name: string): Promise<void> {
  await page.goto("/integrations");
  await page.getByRole("button", { name: "+ Integration" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
}

async function addVariable(page: Page, v: { key: string; label: string; default?: string }): Promise<void> {
  const drawer = page.getByRole("dialog", { name: "Config variables" });
  if (!(await drawer.isVisible())) await page.getByRole("button", { name: "Config variables" }).click();
  await drawer.getByRole("button", { name: "+ Variable" }).last().click();
  const form = drawer.locator("[data-testid^=config-var-]").last();
  await form.getByLabel("Key", { exact: true }).fill(v.key);
  await form.getByLabel("Label", { exact: true }).fill(v.label);
  if (v.default !== undefined) await drawer.getByTestId(`config-var-${v.key}`).getByLabel("Default", { exact: true }).fill(v.default);
}

/** Opens the data picker of `input` (an input's label) in the config pane and returns it. */
async function openPicker(page: Page, input: string): Promise<Locator> {
  const button = config(page).getByRole("button", { name: `Insert data into ${input}`, exact: true });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  return config(page).getByRole("tree", { name: `Data for ${input}` });
}

async function runTest(page: Page): Promise<Locator> {
  const testing = page.getByRole("region", { name: "Testing" });
  await testing.getByRole("button", { name: "Save & Run Test" }).click();
  await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  return testing;
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`a newcomer builds, tests and publishes an integration with the data picker, never typing a reference (${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    const users = await startUsersServer();
    try {
      await signInAsAdmin(page);
      await newIntegration(page, `VIP users ${viewport.width} ${Date.now()}`);

      // a config page: where the users live and who the VIP is
      await addVariable(page, { key: "apiBase", label: "API base URL", default: users.url });
      await addVariable(page, { key: "vipEmail", label: "VIP e-mail", default: "sally@example.test" });
      await page.getByRole("button", { name: "Close config variables" }).click();

      // an HTTP step whose URL is a template: the config variable inserted from the picker, then "/users" typed after it
      await addStep(page, "after the trigger", "http get", /HTTP · GET Request/);
      await config(page).getByRole("radiogroup", { name: "URL input type" }).getByRole("radio", { name: "Template" }).click();
      const urlPicker = await openPicker(page, "URL");
      await urlPicker.getByRole("button", { name: "Expand Config variables" }).click();
      await urlPicker.getByRole("button", { name: "Insert configVars.apiBase" }).click();
      const url = config(page).locator("#input-url");
      await expect(url).toHaveValue("{{ configVars.apiBase }}");
      await url.press("End");
      await url.pressSequentially("/users");
      await expect(url).toHaveValue("{{ configVars.apiBase }}/users");

      // a loop over the HTTP step's result, picked before any test run
      await addStep(page, "after GET Request", "loop", /Loop · Loop Over Items/);
      const itemsPicker = await openPicker(page, "Items");
      await expect(itemsPicker.getByRole("treeitem", { name: "GET Request" })).toBeVisible();
      await itemsPicker.getByRole("button", { name: "Insert getRequest.results" }).click();
      await expect(
        config(page).getByRole("radiogroup", { name: "Items input type" }).getByRole("radio", { name: "Reference" }),
      ).toHaveAttribute("aria-checked", "true");
      await expect(config(page).locator("#input-items")).toHaveValue("getRequest.results");

      // a first test run, so the picker knows the fields of each user
      await runTest(page);

      // inside the loop, a branch on expression: the current user's e-mail compared with the config variable
      await addStep(page, "at the start of Loop Over Items", "branch expression", /Branch · Branch on Expression/);
      await config(page).getByLabel("Branch 1 name").fill("VIP");
      const left = await openPicker(page, "Left");
      await left.getByRole("button", { name: "Expand Loop Over Items (current item)" }).click();
      await left.getByRole("button", { name: "Insert loopOverItems.currentItem.email" }).click();
      await expect(config(page).getByLabel("Left", { exact: true })).toHaveValue("loopOverItems.currentItem.email");
      const right = await openPicker(page, "Right");
      await right.getByRole("button", { name: "Expand Config variables" }).click();
      await right.getByRole("button", { name: "Insert configVars.vipEmail" }).click();
      await expect(
        config(page).getByRole("radiogroup", { name: "Right input type" }).getByRole("radio", { name: "Config var" }),
      ).toHaveAttribute("aria-checked", "true");
      await expect(config(page).getByLabel("Right", { exact: true })).toHaveValue("vipEmail");

      // a code step after the loop
      await addStep(page, "after Loop Over Items", "run code", /Code · Run Code/);
      await setCode(
        page,
        config(page),
        'module.exports = async ({ logger }) => {\n  logger.info("Checked every user");\n  return { data: { done: true } };\n};\n',
      );
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
      await expect(page.getByRole("button", { name: /problems?$/ })).toHaveCount(0);
      await screenshot(page, `designer-newcomer-${viewport.width}`);

      // tested: the branch shows what its condition compared, item by item
      const testing = await runTest(page);
      await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Branch on Expression [1] — succeeded" });
      const inputs = testing.getByRole("tree", { name: "Step inputs" });
      for (const node of ["conditions", "0", "comparisons", "0"])
        await inputs
          .getByRole("button", { name: `Expand ${node}` })
          .first()
          .click();
      await expect(inputs).toContainText("sally@example.test");
      await expect(inputs).toContainText("matched");
      await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"VIP"');
      await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Branch on Expression [0] — succeeded" });
      await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"Else"');
      await screenshot(page, `designer-newcomer-tested-${viewport.width}`);

      // published with a note
      await page.getByRole("button", { name: "Publish…" }).click();
      const publication = page.getByRole("complementary", { name: "Publication" });
      await publication.getByLabel("What changed").fill("First version: flags the VIP user");
      await publication.getByRole("button", { name: "Publish", exact: true }).click();
      await expect(publication.getByRole("status")).toHaveText("Published version 1.");
      await expect(page.getByRole("tab", { name: "YAML" })).toHaveAttribute("aria-selected", "false");
    } finally {
      await users.close();
    }
  });
}

test("a branch condition's operands take a reference and a config variable, and switching modes loses nothing", async ({ page }) => {
  await signInAsAdmin(page);
  await newIntegration(page, `Operands ${Date.now()}`);
  await addVariable(page, { key: "limit", label: "Limit" });
  await page.getByRole("button", { name: "Close config variables" }).click();
  await addStep(page, "after the trigger", "branch expression", /Branch · Branch on Expression/);
  // a new, empty condition is a problem where it is: "" equals "" would take the branch on every run
  await expect(stepCard(page, "Branch on Expression").getByLabel(/^Problems:.*left side of the comparison is empty/)).toBeVisible();

  const leftModes = config(page).getByRole("radiogroup", { name: "Left input type" });
  await leftModes.getByRole("radio", { name: "Reference" }).click();
  await expect(leftModes.getByRole("radio", { name: "Reference" })).toHaveAttribute("aria-checked", "true");
  const leftPicker = await openPicker(page, "Left");
  // the trigger is open from the start: its body, headers and query
  await leftPicker.getByRole("button", { name: "Insert trigger.results.body" }).click();
  await expect(config(page).getByLabel("Left", { exact: true })).toHaveValue("trigger.results.body");

  const rightModes = config(page).getByRole("radiogroup", { name: "Right input type" });
  await rightModes.getByRole("radio", { name: "Config var" }).click();
  await expect(rightModes.getByRole("radio", { name: "Config var" })).toHaveAttribute("aria-checked", "true");
  await config(page).getByLabel("Right", { exact: true }).selectOption("limit");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await expect(stepCard(page, "Branch on Expression").getByLabel(/^Problems:/)).toHaveCount(0);

  // to Template and back: the reference becomes {{ … }} and comes back as it was
  await leftModes.getByRole("radio", { name: "Template" }).click();
  await expect(config(page).getByLabel("Left", { exact: true })).toHaveValue("{{ trigger.results.body }}");
  await leftModes.getByRole("radio", { name: "Reference" }).click();
  await expect(config(page).getByLabel("Left", { exact: true })).toHaveValue("trigger.results.body");

  // what was chosen survives a reload: it was saved
  await page.reload();
  await selectStep(page, "Branch on Expression");
  await expect(config(page).getByLabel("Left", { exact: true })).toHaveValue("trigger.results.body");
  await expect(config(page).getByLabel("Right", { exact: true })).toHaveValue("limit");
});

test("mistakes are shown where they are, the draft is saved with them, and a test run says so first", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInAsAdmin(page);
  await newIntegration(page, `Mistakes ${Date.now()}`);
  await addStep(page, "after the trigger", "http get", /HTTP · GET Request/);
  await addVariable(page, { key: "bad key!", label: "Shop URL" });
  const drawer = page.getByRole("dialog", { name: "Config variables" });
  await expect(drawer.getByRole("alert")).toContainText("Key: must be an identifier");
  await expect(drawer.getByLabel("Key", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await addVariable(page, { key: "region", label: "Region" });
  await addVariable(page, { key: "region", label: "Other region" });
  await expect(drawer.getByRole("alert").last()).toContainText('"region" is already the key of config variable "Region"');
  await page.getByRole("button", { name: "Close config variables" }).click();

  // the header says what is wrong, in words, and the draft is saved all the same
  const status = page.getByTestId("save-status");
  await expect(status).toContainText('Saved with problems: Config variable "Shop URL", key "bad key!": must be an identifier');
  await page.getByRole("button", { name: /problems$/ }).click();
  const list = page.getByRole("list", { name: "Draft problems" });
  await expect(list.getByRole("button")).toHaveCount(3); // the key, the duplicate, and the HTTP step's missing URL
  await screenshot(page, "designer-newcomer-problems");
  await list.getByRole("button", { name: /Step "GET Request"/ }).click();
  await expect(config(page).getByRole("heading", { name: "GET Request", exact: true })).toBeVisible();
  // and the field itself says what it needs
  await expect(config(page).getByTestId("input-url").getByRole("alert")).toContainText('required input "url" of http.get is not set');

  await page.reload();
  await page.getByRole("button", { name: "Config variables" }).click();
  await expect(drawer.getByText("bad key!")).toBeVisible();
  await page.getByRole("button", { name: "Close config variables" }).click();

  // a test run refuses first, listing the problems
  const testing = page.getByRole("region", { name: "Testing" });
  await testing.getByRole("button", { name: "Save & Run Test" }).click();
  await expect(testing.getByRole("alert")).toContainText("This draft has");
  await expect(testing.getByRole("alert")).toContainText('Config variable "Shop URL", key "bad key!": must be an identifier');
});

test("an imported unknown action is marked on its step card", async ({ page }) => {
  await signInAsAdmin(page);
  const name = `Typo ${Date.now()}`;
  const yaml = `definitionVersion: 1
name: ${name}
flows:
  - name: Main
    trigger: { type: webhook }
    steps:
      - name: Fetch
        action: http.gett
        inputs: { url: { value: "http://127.0.0.1:9/x" } }
`;
  await page.goto("/integrations");
  await page.getByLabel("YAML file to import").setInputFiles({ name: "typo.yml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  await expect(stepCard(page, "Fetch").getByLabel(/^Problems:.*no installed component has the action "http\.gett"/)).toBeVisible();
});

test("the data picker: search, expand, and drag a field into a template", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInAsAdmin(page);
  await newIntegration(page, `Picker ${Date.now()}`);
  await addStep(page, "after the trigger", "run code", /Code · Run Code/);
  await setCode(page, config(page), "module.exports = async () => ({ data: { customer: { id: 7, email: 'ada@example.test' } } });\n");
  const testing = page.getByRole("region", { name: "Testing" });
  await testing.getByLabel("Test payload").fill('{ "order": { "number": "A-1" } }');
  await runTest(page);
  await addStep(page, "after Run Code", "http post", /HTTP · POST Request/);
  await config(page).getByRole("radiogroup", { name: "URL input type" }).getByRole("radio", { name: "Template" }).click();
  const picker = await openPicker(page, "URL");
  // the trigger's body from the test run, and the earlier step's fields, found by searching
  await picker.getByRole("button", { name: "Expand body" }).click();
  await expect(picker.getByRole("button", { name: "Insert trigger.results.body.order" })).toBeVisible();
  await page.getByLabel("Search data for URL").fill("email");
  await expect(picker.getByRole("button", { name: "Insert runCode.results.customer.email" })).toBeVisible();
  await expect(picker.getByRole("button", { name: "Insert trigger.results.body.order" })).toHaveCount(0);
  await screenshot(page, "designer-newcomer-data-picker");
  const url = config(page).locator("#input-url");
  await url.fill("http://127.0.0.1:9/customers/");
  await picker.getByRole("button", { name: "Insert runCode.results.customer.email" }).dragTo(url);
  await expect(url).toHaveValue(/\{\{ runCode\.results\.customer\.email \}\}/);
});

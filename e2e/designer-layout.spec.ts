/**
 * The designer's layout from 1280×720 up (issue 19, items 3 and 14): nothing cut off, a canvas of
 * usable height, panes resized by dragging their handles or with the keyboard, collapsed, and
 * remembered after a reload; the code editor wraps, marks syntax errors while typing, opens full
 * screen (Escape closes it, edits kept); a test run shows a code step's input as code.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { addStep, setCode } from "./support/designer-helpers";

const config = (page: Page) => page.getByTestId("step-config");
const px = async (l: Locator) => Number(await l.getAttribute("aria-valuenow"));
const box = async (l: Locator) => (await l.boundingBox())!;

/** Drags a separator by `dx`, `dy` with the mouse, in small moves as a person would. */
async function drag(page: Page, handle: Locator, dx: number, dy: number): Promise<void> {
  const b = await box(handle);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 10 });
  await page.mouse.up();
}

const CODE = `module.exports = async ({ logger }) => {
  const greeting = "a line long enough to need wrapping in a pane this narrow, which it is, so the editor wraps it rather than scrolling sideways";
  logger.info(greeting);
  return { data: { greeting } };
};
`;

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`the designer's panes and code editor at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await signInAsAdmin(page);
    await page.goto("/integrations");
    await page.getByRole("button", { name: "+ Integration" }).click();
    await page.getByLabel("Name", { exact: true }).fill(`Layout ${viewport.width} ${Date.now()}`);
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
    await addStep(page, "after the trigger", "run code", /Code · Run Code/);
    await expect(config(page).getByRole("heading", { name: "Run Code" })).toBeVisible();

    const testing = page.getByRole("region", { name: "Testing" });
    const editor = page.getByRole("region", { name: "Editor" });
    const side = page.getByRole("complementary", { name: "Configuration" });
    const run = testing.getByRole("button", { name: "Save & Run Test" });

    // nothing cut off: the run button whole, left of the side pane, and nothing over it
    await expect(run).toBeInViewport({ ratio: 1 });
    expect((await box(run)).x + (await box(run)).width).toBeLessThanOrEqual((await box(side)).x);
    await run.click({ trial: true });
    // the canvas keeps over half the window's height
    expect((await box(editor)).height).toBeGreaterThan(viewport.height * 0.5);
    await page.screenshot({ path: `test-results/h4/designer-${viewport.width}.png` });

    // the testing pane: dragged up 100 px, then 2 × 16 px down with the keyboard
    const testingHandle = page.getByRole("separator", { name: "Resize the testing pane" });
    const startHeight = await px(testingHandle);
    await drag(page, testingHandle, 0, -100);
    await expect.poll(() => px(testingHandle)).toBe(startHeight + 100);
    expect(Math.round((await box(testing)).height)).toBe(startHeight + 100);
    await testingHandle.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => px(testingHandle)).toBe(startHeight + 68);

    // the side pane: dragged 120 px wider, one keyboard step narrower
    const sideHandle = page.getByRole("separator", { name: "Resize the configuration pane" });
    const startWidth = await px(sideHandle);
    await drag(page, sideHandle, -120, 0);
    await expect.poll(() => px(sideHandle)).toBe(startWidth + 120);
    expect(Math.round((await box(side)).width)).toBe(startWidth + 120);
    await sideHandle.press("ArrowRight");
    await expect.poll(() => px(sideHandle)).toBe(startWidth + 104);
    // the narrower testing pane still shows every tab and the run button whole
    await expect(run).toBeInViewport({ ratio: 1 });
    for (const tab of await testing.getByRole("tab").all()) await expect(tab).toBeInViewport({ ratio: 1 });

    // collapsed: the testing pane with Enter on its handle, the side pane with its hide button
    await testingHandle.press("Enter");
    await expect(testing.getByRole("button", { name: /Testing/ })).toHaveAttribute("aria-expanded", "false");
    await expect(testingHandle).toHaveCount(0);
    await expect(run).toBeInViewport({ ratio: 1 });
    await side.getByRole("button", { name: "Hide the configuration pane" }).click();
    await expect(side).toHaveCount(0);
    await expect(run).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `test-results/h4/designer-collapsed-${viewport.width}.png` });

    // remembered after a reload; opened again, each at the size it had
    await page.reload();
    await expect(testing.getByRole("button", { name: /Testing/ })).toHaveAttribute("aria-expanded", "false");
    await expect(side).toHaveCount(0);
    await page.getByRole("button", { name: "Show the configuration pane" }).click();
    await expect.poll(() => px(sideHandle)).toBe(startWidth + 104);
    await testing.getByRole("button", { name: /Testing/ }).click();
    await expect.poll(() => px(testingHandle)).toBe(startHeight + 68);
    // the publication pane shares the side pane: its size, and its hide button clear of the heading
    await page.getByRole("button", { name: "Publish…" }).click();
    const publication = page.getByRole("complementary", { name: "Publication" });
    await expect(publication.getByRole("heading", { name: "Publish a version" })).toBeVisible();
    expect(Math.round((await box(publication)).width)).toBe(startWidth + 104);
    const hide = await box(publication.getByRole("button", { name: "Hide the publication pane" }));
    // where the heading's text ends (the heading itself is as wide as the pane)
    const textEnd = await publication.getByRole("heading", { name: "Publish a version" }).evaluate((e) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return range.getBoundingClientRect().right;
    });
    expect(textEnd).toBeLessThan(hide.x);
    await page.screenshot({ path: `test-results/h4/designer-publication-${viewport.width}.png` });
    await page.getByRole("button", { name: "Publish…" }).click();
    // selecting a step shows the configuration even when it was hidden
    await side.getByRole("button", { name: "Hide the configuration pane" }).click();
    await page.getByTestId("step-Run Code").locator("p").first().click();
    await expect(config(page).getByRole("heading", { name: "Run Code" })).toBeVisible();

    // a syntax error is marked while typing, and its line named under the editor
    const code = page.getByTestId("code-input-code");
    await setCode(page, code, "module.exports = async () => {\n  const x = 1 +* 2;\n  return { data: x };\n};\n");
    await expect(code.locator(".cm-lintRange-error").first()).toBeVisible();
    await expect(page.getByTestId("syntax-input-code")).toHaveText(/^Syntax error on line 2: /);
    await setCode(page, code, CODE);
    await expect(page.getByTestId("syntax-input-code")).toHaveCount(0);
    await expect(code.locator(".cm-lintRange-error")).toHaveCount(0);
    // long lines wrap: nothing to scroll sideways
    const scroller = code.locator(".cm-scroller");
    expect(await scroller.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

    // full screen: most of the window, edits there kept after Escape
    await config(page).getByRole("button", { name: "Open Code full screen" }).click();
    const dialog = page.getByRole("dialog", { name: "Code (full screen)" });
    await expect(dialog).toBeVisible();
    expect((await box(dialog)).width).toBeGreaterThan(viewport.width * 0.9);
    expect((await box(dialog)).height).toBeGreaterThan(viewport.height * 0.85);
    await expect(dialog.locator(".cm-content")).toContainText("logger.info(greeting);");
    await dialog.locator(".cm-line", { hasText: "logger.info(greeting);" }).click();
    await page.keyboard.press("End");
    await page.keyboard.insertText(' logger.info("typed full screen")');
    await page.keyboard.insertText(" )");
    await expect(dialog.locator(".cm-lintRange-error").first()).toBeVisible();
    await expect(page.getByTestId("syntax-input-code-full")).toHaveText(/^Syntax error on line 3: /);
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await expect(page.getByTestId("syntax-input-code-full")).toHaveCount(0);
    await page.screenshot({ path: `test-results/h4/code-full-screen-${viewport.width}.png` });
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(code.locator(".cm-content")).toContainText('logger.info(greeting); logger.info("typed full screen")');
    await expect(config(page).getByRole("button", { name: "Open Code full screen" })).toBeFocused();

    // tested: the step's inputs show the code as written, line by line
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await run.click();
    await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
    await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Run Code — succeeded" });
    const input = testing.getByLabel("Input code");
    await expect(input).toContainText('logger.info(greeting); logger.info("typed full screen")');
    expect(await input.evaluate((e) => e.textContent!.split("\n").length)).toBeGreaterThanOrEqual(5);
    expect(await input.evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/mono/i);
    await page.screenshot({ path: `test-results/h4/designer-tested-${viewport.width}.png` });
  });
}

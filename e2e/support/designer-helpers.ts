/** Helpers for the designer e2e: a local users API, the step picker, dragging a step. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Locator, type Page } from "@playwright/test";

export const USERS = [
  { name: "Bob Smith", email: "bob@example.test" },
  { name: "Sally Smith", email: "sally@example.test" },
];

/** GET /users on 127.0.0.1, port 0. */
export async function startUsersServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url === "/users") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(USERS));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Opens the + at `where` and picks the action whose picker entry matches `entry`. */
export async function addStep(page: Page, where: string, search: string, entry: RegExp): Promise<void> {
  await page.getByRole("button", { name: `Add step ${where}`, exact: true }).click();
  await page.getByLabel("Search actions").fill(search);
  await page.getByRole("dialog", { name: "Choose an action" }).getByRole("button", { name: entry }).first().click();
}

export const stepCard = (page: Page, name: string): Locator => page.getByTestId(`step-${name}`);

/** Selects a step by clicking its card (not its name, which starts a rename). */
export async function selectStep(page: Page, name: string): Promise<void> {
  await stepCard(page, name).locator("p").first().click();
  await expect(page.getByTestId("step-config").getByRole("heading", { name, exact: true })).toBeVisible();
}

/** Drags a step by its handle onto another step's card, in small moves so dnd-kit sees a drag. */
export async function dragStepOnto(page: Page, name: string, target: string): Promise<void> {
  const handle = page.getByRole("button", { name: `Drag ${name}`, exact: true });
  // the target's header row (its handle's row): a loop or branch card's middle is its nested steps
  const targetHandle = page.getByRole("button", { name: `Drag ${target}`, exact: true });
  await targetHandle.scrollIntoViewIfNeeded();
  await handle.scrollIntoViewIfNeeded();
  // both in the middle of the editor: near its edges dnd-kit scrolls the pane while dragging (as a
  // person would want), which moves the target from under the pointer
  const editor = page.getByRole("region", { name: "Editor" });
  const pane = (await editor.boundingBox())!;
  const middle = ((await handle.boundingBox())!.y + (await targetHandle.boundingBox())!.y) / 2;
  await editor.evaluate((el, dy) => el.scrollBy(0, dy), middle - (pane.y + pane.height / 2));
  const from = (await handle.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
  // dnd-kit marks the handle pressed once the drag has started; the target is measured only then,
  // because starting a drag can move the cards (a slow machine measured them before and missed)
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  const row = (await targetHandle.boundingBox())!;
  const card = (await stepCard(page, target).boundingBox())!;
  const x = card.x + card.width / 2;
  const y = row.y + row.height / 2;
  await page.mouse.move(x, y, { steps: 15 });
  await page.mouse.move(x, y + 2, { steps: 2 });
  await page.mouse.up();
}

/** Replaces the text of the CodeMirror editor inside `scope`. */
export async function setCode(page: Page, scope: Locator, code: string): Promise<void> {
  await scope.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // insertText types the whole text at once, so the editor's auto-indent and bracket closing stay out of it
  await page.keyboard.insertText(code);
}

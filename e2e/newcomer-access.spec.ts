/**
 * Issue 19, items 11, 15 and 17, as a newcomer meets them: sign-in lands on the page asked for
 * (by the server, never another site), customer users opening the organization's pages get a
 * plain page saying so, refusals say what to do in words, built-in components offer no Remove,
 * and an uploaded package is shown before it is installed.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { scaffoldFiles } from "@/cli/components/scaffold";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now();
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/h3/${name}.png`, fullPage: false });

async function pageAs(browser: Browser, baseURL: string | undefined, user: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signIn(page.request, user);
  return page;
}

async function fillSignIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a signed-out visit signs in and lands on the page asked for, straight from the server", async ({ browser, baseURL, request }) => {
  await signIn(request, E2E_ADMIN);
  const integration = await trpcMutation<{ id: string }>(request, "integrations.create", { name: `Newcomer ${run}` });

  const page = await (await browser.newContext({ baseURL, viewport: SIZES[0] })).newPage();
  const documents: string[] = [];
  page.on("request", (r) => r.isNavigationRequest() && r.frame() === page.mainFrame() && documents.push(new URL(r.url()).pathname));

  await page.goto(`/integrations/${integration.id}`);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(`/integrations/${integration.id}`)}$`));
  await shot(page, "sign-in-with-next");
  documents.length = 0;
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(new RegExp(`/integrations/${integration.id}$`));
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // one page load, of the page asked for: no stop at `/` and no redirect in the browser
  expect(documents).toEqual([`/integrations/${integration.id}`]);

  // signed in, `/` and the sign-in page answer with a redirect to the user's start page
  const home = await page.goto("/");
  expect(home!.request().redirectedFrom()?.url()).toBe(`${baseURL}/`);
  await expect(page).toHaveURL(/\/integrations$/);
  const again = await page.goto("/sign-in?next=/customers");
  expect(again!.request().redirectedFrom()).not.toBeNull();
  await expect(page).toHaveURL(/\/customers$/);
});

test("sign-in never sends anyone to another site", async ({ browser, baseURL }) => {
  for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await fillSignIn(page, E2E_ADMIN);
    await expect(page).toHaveURL(`${baseURL}/integrations`);
    await page.context().close();
  }
});

test("a customer user opening an organization page gets a plain page pointing at what they can use", async ({
  browser,
  baseURL,
  request,
}) => {
  await signIn(request, E2E_ADMIN);
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Newcomer Co ${run}` });
  const user = { email: `dora-${run}@newcomer.test`, password: "dora-password-1" };
  await trpcMutation(request, "customers.createUser", { customerId: customer.id, name: "Dora", ...user });

  const dora = await pageAs(browser, baseURL, user);
  for (const size of SIZES) {
    await dora.setViewportSize(size);
    for (const path of ["/integrations", "/components", "/customers"]) {
      await dora.goto(path);
      await expect(dora.getByRole("heading", { name: "This page is not available to your account" })).toBeVisible();
      await expect(dora.getByText("Install a package")).toHaveCount(0);
      await expect(dora.getByText(/needs the role/)).toHaveCount(0);
      // the customer's own navigation, not the organization's
      await expect(dora.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" })).toHaveCount(0);
    }
    await shot(dora, `customer-not-available-${size.width}`);
  }
  await dora.getByRole("main").getByRole("link", { name: "Marketplace" }).click();
  await expect(dora).toHaveURL(/\/marketplace$/);

  // the API says it in words as well
  const refused = await trpcQuery(dora.request, "integrations.list", undefined);
  expect(refused.status).toBe(403);
  expect(refused.error?.message).toBe("This is not available to your account: only administrators, builders and support users can do it.");
});

test("refusals say what to do in words, not field paths", async ({ page, request }) => {
  await signIn(page.request, E2E_ADMIN);
  await signIn(request, E2E_ADMIN);
  await trpcMutation(request, "customers.create", { name: `Taken ${run}`, externalId: `taken-${run}` });
  await page.setViewportSize(SIZES[0]);
  await page.goto("/customers");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create customer" }) });

  await form.getByLabel("Name").fill("   ");
  await form.getByRole("button", { name: "Create customer" }).click();
  await expect(form.getByRole("alert")).toHaveText("Enter a name.");

  await form.getByLabel("Name").fill(`Another ${run}`);
  await form.getByLabel("External id").fill(`taken-${run}`);
  await form.getByRole("button", { name: "Create customer" }).click();
  await expect(form.getByRole("alert")).toHaveText(`A customer with external id "taken-${run}" already exists`);
  await expect(form.getByRole("alert")).not.toContainText("externalId");
  await shot(page, "customer-refusal-in-words");
});

/** A scaffolded package (components:init's files), packed as `npm pack` would. */
async function scaffoldTgz(name: string): Promise<string> {
  const root = join(dirname(new URL(import.meta.url).pathname), "..");
  const dir = join(mkdtempSync(join(tmpdir(), "newcomer-")), name);
  const files = scaffoldFiles({
    name,
    label: "Newcomer Greeter",
    dir,
    sdkEntry: join(root, "components-registry", "sdk", "index.ts"),
    projectRoot: root,
  });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tgz = join(dirname(dir), `${name}-1.0.0.tgz`);
  await promisify(execFile)("tar", ["czf", tgz, "-C", dir, "."]);
  return tgz;
}

test("components: built-ins say Built-in; an upload shows what it holds and installs only when confirmed", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page.request, E2E_ADMIN);
  await page.setViewportSize(SIZES[1]);
  await page.goto("/components");
  const http = page.getByRole("group", { name: /^http@/ }).first();
  await expect(http.getByText("Built-in", { exact: true })).toBeVisible();
  await expect(http.getByRole("button", { name: /Remove/ })).toHaveCount(0);

  const name = `newcomer-${run}`;
  const key = `newcomer${run}`;
  const tgz = await scaffoldTgz(name);
  const upload = page.getByLabel(/A component package as a/);
  await upload.setInputFiles({ name: `${name}-1.0.0.tgz`, mimeType: "application/gzip", buffer: readFileSync(tgz) });
  const dialog = page.getByRole("dialog", { name: `Install ${name}@1.0.0?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Newcomer Greeter");
  await expect(dialog).toContainText("version 1.0.0");
  await expect(dialog.getByRole("listitem").filter({ hasText: "Say hello" })).toBeVisible();
  await shot(page, "upload-confirm-1440");
  await page.setViewportSize(SIZES[0]);
  await shot(page, "upload-confirm-1280");

  // cancelled: nothing installed
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("group", { name: `${key}@1.0.0` })).toHaveCount(0);

  // chosen again and confirmed: installed, listed, and removable (it is not built in)
  await upload.setInputFiles({ name: `${name}-1.0.0.tgz`, mimeType: "application/gzip", buffer: readFileSync(tgz) });
  await dialog.getByRole("button", { name: "Install 1.0.0" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status")).toHaveText(`Installed ${key}@1.0.0.`);
  const installed = page.getByRole("group", { name: `${key}@1.0.0` });
  await expect(installed.getByRole("button", { name: `Remove ${key}@1.0.0` })).toBeVisible();
  await shot(page, "components-installed-1280");
});

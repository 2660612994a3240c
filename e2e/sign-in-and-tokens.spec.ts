import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { screenshot } from "./support/auth";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password.");
});

test("an admin signs in, sees the app shell and creates, uses and revokes an API token", async ({ page, request }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Integrations", "Customers", "Instances", "Components", "Monitoring", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await screenshot(page, "app-shell");

  await nav.getByRole("link", { name: "Settings" }).click();
  const name = `e2e token ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^jct_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("active");
  await screenshot(page, "settings-api-tokens");

  // the token works for the API …
  const me = await request.get("/api/trpc/session.me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).result.data.email).toBe(E2E_ADMIN.email);

  // … until it is revoked
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  const after = await request.get("/api/trpc/session.me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";

/** Signs in through the API (faster than the form; the form has its own test). */
export async function signInAsAdmin(page: Page): Promise<void> {
  const res = await page.request.post("/api/auth/sign-in/email", { data: E2E_ADMIN });
  expect(res.ok()).toBeTruthy();
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

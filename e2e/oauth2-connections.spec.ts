/**
 * OAuth 2.0 connections in Chromium against the real server and a real provider (oidc-provider on
 * 127.0.0.1): the builder sees the provider's settings and the write-only client secret in the
 * designer; a customer user presses Connect in the deployment wizard, signs in on the provider's
 * own pages in the popup, and deploys; the webhook's HTTP step reaches an API with the bearer token;
 * once the provider revokes the grant, the instance page shows the connection needing
 * re-authorization, and Reconnect in a popup brings it back.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { crmConfigVar, startTestProvider } from "@/test/support/oidc-provider";
import { screenshot } from "./support/auth";
import { signIn, trpcMutation } from "./support/seed-trpc";

const run = Date.now();
const name = `CRM Connect ${run}`;
const user = { email: `cora-${run}@acme.test`, password: "cora-password-1" };

const yaml = (p: { authorizeUrl: string; tokenUrl: string; clientId: string }, apiUrl: string) => `definitionVersion: 1
name: ${name}
configPages:
  - name: Connect
    elements:
${crmConfigVar(p)}
flows:
  - name: Sync
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Contacts
        action: http.get
        inputs:
          url: { value: "${apiUrl}/contacts" }
          auth: { configVar: crm }
`;

/** the provider's development pages, as a person fills them: any login and password (unless it remembers the user), then consent */
async function signInAtProvider(popup: Page, issuer: string, { remembered = false } = {}) {
  await popup.waitForURL((url) => url.toString().startsWith(issuer));
  if (!remembered) {
    await popup.locator('input[name="login"]').fill("cora");
    await popup.locator('input[name="password"]').fill("any-password");
    await screenshot(popup, "oauth2-provider-login");
    await popup.locator('button[type="submit"]').click();
  }
  await popup.getByRole("button", { name: "Continue" }).click();
}

test("connect in the wizard through the provider's sign-in, run with the token, reconnect after the grant is revoked", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // access tokens live 61 s and the host refreshes 60 s before expiry: every run after the first second refreshes
  const provider = await startTestProvider({ redirectUri: `${baseURL}/oauth2/callback`, accessTokenTtlSeconds: 61 });
  const seen: string[] = [];
  const api = http.createServer((req, res) => {
    seen.push(req.headers.authorization ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end('{"contacts":[]}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  try {
    await signIn(request, E2E_ADMIN);
    const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Acme ${run}` });
    await trpcMutation(request, "customers.createUser", { customerId: customer.id, name: "Cora", ...user });
    const { id: integrationId } = await trpcMutation<{ id: string }>(request, "integrations.import", {
      yaml: yaml(provider, `http://127.0.0.1:${(api.address() as AddressInfo).port}`),
    });
    await trpcMutation(request, "integrations.publish", { id: integrationId, note: "first" });

    // the builder: the provider's settings, and the client secret that is never shown again
    const admin = await (await browser.newContext({ baseURL })).newPage();
    await signIn(admin.request, E2E_ADMIN);
    await admin.goto(`/integrations/${integrationId}`);
    await admin.getByRole("button", { name: "Config variables" }).click();
    const drawer = admin.getByRole("dialog", { name: "Config variables" });
    await drawer.getByRole("button", { name: /CRM account/ }).click();
    await expect(drawer.getByLabel("Credential type")).toHaveValue("oauth2");
    await expect(drawer.getByLabel("Token URL")).toHaveValue(provider.tokenUrl);
    await expect(drawer.getByText("not set (a public client, PKCE only)")).toBeVisible();
    await drawer.getByLabel("Client secret").fill(provider.clientSecret);
    await drawer.getByRole("button", { name: "Save", exact: true }).click();
    await expect(drawer.getByText("set (never shown again)")).toBeVisible();
    await expect(drawer.getByLabel("Client secret")).toHaveValue("");
    await screenshot(admin, "oauth2-designer-drawer");

    // the customer user: marketplace → wizard → Connect
    const page = await (await browser.newContext({ baseURL })).newPage();
    await signIn(page.request, user);
    const callbacks: { status: number; csp: string }[] = [];
    page.context().on("response", (res) => {
      if (res.url().includes("/oauth2/callback"))
        callbacks.push({ status: res.status(), csp: res.headers()["content-security-policy"] ?? "" });
    });
    await page.goto("/marketplace");
    await page.getByRole("link", { name: `Deploy ${name}` }).click();
    await page.getByRole("button", { name: "Next" }).click();
    const field = page.locator('[data-field="crm"]');
    await expect(field.getByRole("button", { name: "Connect CRM account" })).toBeVisible();
    await screenshot(page, "oauth2-wizard-connect");
    // nothing connected yet: the wizard refuses to go on
    await page.getByRole("button", { name: "Next" }).click();
    await expect(field.getByRole("alert")).toBeVisible();

    const opened = page.waitForEvent("popup");
    await field.getByRole("button", { name: "Connect CRM account" }).click();
    const popup = await opened;
    await expect(field).toContainText("Waiting for the sign-in");
    await signInAtProvider(popup, provider.issuer);
    // the callback page tells the wizard and closes itself
    await popup.waitForEvent("close");
    await expect(field.getByText("connected", { exact: true })).toBeVisible();
    await expect(field.getByRole("button", { name: "Reconnect" })).toBeVisible();
    await screenshot(page, "oauth2-wizard-connected");
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.status).toBe(200);
    expect(callbacks[0]!.csp).toContain("frame-ancestors 'none'");
    expect(callbacks[0]!.csp).toMatch(/script-src 'nonce-[^']+'/);

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
    await page.getByRole("button", { name: "Deploy" }).click();
    await expect(page.getByRole("status")).toContainText("is deployed (version 1)");
    const url = (await page.getByTestId("webhook-url-sync").textContent())!.trim();

    // the step calls the API with the access token (refreshed on the host when due); the browser never saw one
    const first = await request.post(url, { data: {} });
    expect(first.status(), await first.text()).toBe(200);
    expect(seen.at(-1)).toMatch(/^Bearer \S{20,}/);
    expect(await page.content()).not.toContain(seen.at(-1)!.slice("Bearer ".length));

    // the user removes the app's access at the provider: the next refresh is refused
    await provider.revokeIssued();
    await expect.poll(async () => (await request.post(url, { data: {} })).status(), { timeout: 20_000, intervals: [500] }).not.toBe(200);
    // a fresh load: the wizard's page has the instance as it was when deployed
    await page.goto((await page.getByRole("link", { name: "Open the instance" }).getAttribute("href"))!);
    const banner = page.getByRole("alert").filter({ hasText: "needs re-authorization" });
    await expect(banner).toContainText("“crm”");
    await expect(banner).toContainText("invalid_grant");
    await screenshot(page, "oauth2-instance-needs-reauthorization");

    // Reconnect: a new sign-in on the same connection; the instance needs no change
    const reopened = page.waitForEvent("popup");
    await banner.getByRole("button", { name: "Reconnect" }).click();
    const again = await reopened;
    await signInAtProvider(again, provider.issuer, { remembered: true });
    await again.waitForEvent("close");
    await expect(banner).toHaveCount(0);
    const after = await request.post(url, { data: {} });
    expect(after.status(), await after.text()).toBe(200);
  } finally {
    api.close();
    await provider.close();
  }
});

/**
 * The embedded views inside a customer's product (issue 16), in Chromium against the real server:
 * a host product on its own origin (e2e/support/embed-host.ts) signs a JWT with its RS256 key,
 * signs in through the browser package, and shows the marketplace: the customer sees what is
 * visible to it (not the hidden integration), activates one, connects its CRM through a real
 * OAuth 2.0 provider's login and consent pages in a popup, finishes the wizard (the host page
 * receives `instance-deployed`), calls the webhook — the step reaches the API with the bearer
 * token — and sees the run with its logs in the embedded instance view. Refused JWTs show the
 * server's message on the host page; forged events never reach the host's handlers; a read-only
 * user only looks; each view is shot in light and dark; Settings → Embedding manages it all.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { crmConfigVar, startTestProvider, type TestProvider } from "@/test/support/oidc-provider";
import { screenshot, signInAsAdmin } from "./support/auth";
import { startEmbedHost, type EmbedHost, type HostPageParams } from "./support/embed-host";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 800 } });

const run = Date.now();
const visible = `CRM Sync ${run}`;
const hidden = `Internal Ledger ${run}`;
const customerExternalId = `acme-${run}`;
const admin = { sub: `user-ann-${run}`, customer: customerExternalId, name: "Ann Admin", email: "ann@acme.test", role: "admin" } as const;
const DARK = {
  mode: "dark",
  primary: "#22d3ee",
  background: "#0b1120",
  surface: "#111a2e",
  text: "#e2e8f0",
  muted: "#94a3b8",
  border: "#24324d",
};

const crmYaml = (p: TestProvider, apiUrl: string) => `definitionVersion: 1
name: ${visible}
description: Keeps your CRM contacts in step with Acme.
labels: [CRM, Contacts]
configPages:
  - name: Connect
    tagline: The CRM account to sync
    elements:
${crmConfigVar(p)}
      - configVar: { key: folder, label: Contact folder, type: string, default: Customers }
flows:
  - name: Sync
    trigger: { type: webhook }
    steps:
      - name: Contacts
        action: http.get
        inputs:
          url: { value: "${apiUrl}/contacts" }
          auth: { configVar: crm }
      - name: Report
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async ({ logger }) => {
                logger.info("contacts synced from the CRM");
                logger.warn("2 contacts had no e-mail address");
                return { data: { ok: true } };
              };
`;

const hiddenYaml = `definitionVersion: 1
name: ${hidden}
description: Only for the organization's own books.
configPages: []
flows:
  - name: Post
    trigger: { type: webhook }
    steps: []
`;

interface World {
  provider: TestProvider;
  host: EmbedHost;
  api: http.Server;
  seen: string[];
  customerId: string;
  integrationId: string;
  hiddenId: string;
  instanceId?: string;
}
let world: World | undefined;

/** once per run: the provider, the API the flow calls, the host product, and the organization's setup through the API */
async function setUp(request: APIRequestContext, baseURL: string): Promise<World> {
  if (world) return world;
  const provider = await startTestProvider({ redirectUri: `${baseURL}/oauth2/callback` });
  const seen: string[] = [];
  const api = http.createServer((req, res) => {
    seen.push(req.headers.authorization ?? "");
    res.writeHead(200, { "content-type": "application/json" }).end('{"contacts":[{"id":1},{"id":2}]}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  const host = await startEmbedHost({ junctionUrl: baseURL, kid: `acme-crm-${run}` });

  await signIn(request, E2E_ADMIN);
  await trpcMutation(request, "embedding.keys.add", {
    name: "Acme CRM backend",
    kid: host.kid,
    algorithm: "RS256",
    publicKey: host.publicKeyPem,
  });
  const settings = (await trpcQuery(request, "embedding.settings.get", undefined)).data as { allowedOrigins: string[] };
  await trpcMutation(request, "embedding.settings.update", { allowedOrigins: [...settings.allowedOrigins, host.origin] });
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Acme ${run}`, externalId: customerExternalId });

  const { id: integrationId } = await trpcMutation<{ id: string }>(request, "integrations.import", {
    yaml: crmYaml(provider, `http://127.0.0.1:${(api.address() as AddressInfo).port}`),
  });
  await trpcMutation(request, "connections.setClientSecret", { integrationId, configVarKey: "crm", clientSecret: provider.clientSecret });
  await trpcMutation(request, "integrations.publish", { id: integrationId });
  await trpcMutation(request, "monitoring.alerts.createMonitor", {
    name: "Contacts need attention",
    integrationId,
    conditions: [{ kind: "logLevel", level: "warn" }],
    destinations: [{ kind: "feed" }],
  });
  const { id: hiddenId } = await trpcMutation<{ id: string }>(request, "integrations.import", { yaml: hiddenYaml });
  await trpcMutation(request, "integrations.publish", { id: hiddenId });
  await trpcMutation(request, "integrations.setMarketplace", { id: hiddenId, visibility: "hidden" });
  world = { provider, host, api, seen, customerId: customer.id, integrationId, hiddenId };
  return world;
}

test.afterAll(async () => {
  if (!world) return;
  world.api.close();
  await world.host.close();
  await world.provider.close();
});

const view = (page: Page): FrameLocator => page.frameLocator("#junction iframe");
const events = (page: Page, type: string) => page.locator(`#events li[data-type="${type}"]`);
async function eventOf<T>(page: Page, type: string): Promise<T> {
  await expect(events(page, type).first()).toBeAttached();
  return JSON.parse((await events(page, type).last().textContent())!) as T;
}
const open = async (page: Page, w: World, params: Omit<HostPageParams, "sub" | "customer"> & Partial<HostPageParams>) => {
  await page.goto(w.host.pageUrl({ ...admin, ...params }));
};

test("signs in with the product's JWT, activates through the provider's real sign-in, and sees the webhook's run with its logs", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const w = await setUp(request, baseURL!);
  await open(page, w, { view: "marketplace" });
  await expect(page.locator("#who")).toHaveText(`Signed in as Ann Admin (Acme ${run})`);

  // the marketplace: the visible integration with its categories, never the hidden one
  const frame = view(page);
  const card = frame.getByRole("listitem", { name: visible });
  await expect(card).toContainText("Keeps your CRM contacts in step with Acme.");
  await expect(card.getByRole("list", { name: "Categories" })).toHaveText(/CRM\s*Contacts/);
  await expect(frame.getByText(hidden)).toHaveCount(0);
  expect(await eventOf(page, "ready")).toEqual({ type: "ready", view: "marketplace" });
  // the session left the iframe's address at once
  const iframeUrl = page
    .frames()
    .find((f) => f.url().includes("/embedded/"))!
    .url();
  expect(iframeUrl).not.toContain("session=");
  expect(iframeUrl).not.toContain("jes_");
  await screenshot(page, "embedded-marketplace-light");

  // Activate → the wizard, Connect → the provider's login and consent pages in a popup
  await card.getByRole("link", { name: `Activate ${visible}` }).click();
  await expect(events(page, "navigate").last()).toContainText('"view":"configure"');
  const field = frame.locator('[data-field="crm"]');
  await expect(field.getByRole("button", { name: "Connect CRM account" })).toBeVisible();
  await screenshot(page, "embedded-wizard-light");
  const popupOpened = page.context().waitForEvent("page");
  await field.getByRole("button", { name: "Connect CRM account" }).click();
  const popup = await popupOpened;
  await popup.waitForURL((url) => url.toString().startsWith(w.provider.issuer));
  await popup.locator('input[name="login"]').fill("ann@acme.test");
  await popup.locator('input[name="password"]').fill("whatever-she-types");
  await screenshot(popup, "embedded-provider-login");
  await popup.locator('button[type="submit"]').click();
  await popup.locator('button[type="submit"]', { hasText: /continue/i }).click();
  await popup.waitForEvent("close");
  await expect(field.getByText("connected", { exact: true })).toBeVisible();
  await screenshot(page, "embedded-wizard-connected");

  await frame.getByRole("button", { name: "Next" }).click();
  await expect(frame.getByRole("heading", { name: "Review" })).toBeVisible();
  await frame.getByRole("button", { name: "Activate" }).click();

  // the host page hears of it, with ids and the name, never a token or a config value
  const deployed = await eventOf<{ instanceId: string; integrationId: string; name: string }>(page, "instance-deployed");
  expect(deployed).toEqual({
    type: "instance-deployed",
    instanceId: expect.any(String),
    integrationId: w.integrationId,
    name: `${visible} for Acme ${run}`,
  });
  await expect(page.locator("#deployed")).toHaveText(`Deployed ${visible} for Acme ${run}`);
  w.instanceId = deployed.instanceId;
  await expect(events(page, "navigate").last()).toContainText(`"instanceId":"${deployed.instanceId}"`);

  // the instance view: the webhook's run appears with its logs
  await expect(frame.getByRole("heading", { name: `${visible} for Acme ${run}` })).toBeVisible();
  const webhook = (await frame.getByTestId("webhook-url-sync").textContent())!.trim();
  const called = await request.post(webhook, { data: { since: "yesterday" } });
  expect(called.status(), await called.text()).toBeLessThan(300);
  await expect.poll(() => w.seen.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(w.seen.at(-1)).toMatch(/^Bearer \S{20,}$/);
  expect(w.seen.at(-1)).not.toContain(w.provider.clientSecret);

  const runs = frame.getByRole("table", { name: "Recent runs" });
  await expect(runs.getByText(/succeeded/i)).toBeVisible({ timeout: 30_000 });
  await runs
    .getByRole("button", { name: /^Logs of the run/ })
    .first()
    .click();
  await expect(frame.getByRole("list", { name: "Log lines" })).toContainText("contacts synced from the CRM");
  await screenshot(page, "embedded-instance-light");

  const all = await page.locator("#events").textContent();
  expect(all).not.toContain("jes_");
  expect(all).not.toContain(w.seen.at(-1)!.slice("Bearer ".length));
  // the iframe follows its content's height (height: "auto"), well past its starting 320 px
  const content = await frame
    .locator("div.flow-root")
    .first()
    .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  expect(content).toBeGreaterThan(600);
  await expect.poll(() => page.locator("#junction iframe").evaluate((el) => Math.round(el.getBoundingClientRect().height))).toBe(content);
});

test("a refused JWT rejects authenticate with the server's code and message, shown on the host page", async ({
  page,
  request,
  baseURL,
}) => {
  const w = await setUp(request, baseURL!);
  await open(page, w, { view: "marketplace", expired: true });
  await expect(page.locator("#error")).toContainText("token_expired: ");
  await expect(page.locator("#junction iframe")).toHaveCount(0);
  await screenshot(page, "embedded-refused-expired");

  await open(page, w, { view: "marketplace", kid: `not-registered-${run}` });
  await expect(page.locator("#error")).toContainText(`unknown_kid: `);
  await expect(page.locator("#error")).toContainText(`not-registered-${run}`);

  await open(page, w, { view: "marketplace", customer: `nobody-${run}` });
  await expect(page.locator("#error")).toContainText("unknown_customer: ");
});

test("only the package's own iframe is heard: a look-alike message and a Junction frame the page made itself are ignored", async ({
  page,
  request,
  baseURL,
}) => {
  const w = await setUp(request, baseURL!);
  await open(page, w, { view: "marketplace", forge: true });
  await expect(view(page).getByRole("listitem", { name: visible })).toBeVisible();
  // the other frame's events did reach the window (it is Junction, on an allowed origin) …
  await expect(page.getByLabel("Raw frame messages")).toContainText("ready");
  // … and the package passed on neither them nor the page's forgery
  await expect(events(page, "ready")).toHaveCount(1);
  expect(await eventOf(page, "ready")).toEqual({ type: "ready", view: "marketplace" });
  await expect(events(page, "instance-removed")).toHaveCount(0);
});

test("an expired session in a view says so and tells the host page", async ({ page, request, baseURL }) => {
  const w = await setUp(request, baseURL!);
  // a view opened without a live session, as after the session ran out
  await page.goto(w.host.pageUrl({ ...admin, view: "none" }));
  await expect(page.locator("#who")).toContainText("Signed in as");
  await page.evaluate((junction) => {
    const iframe = document.createElement("iframe");
    iframe.src = `${junction}/embedded/marketplace#session=jes_${"x".repeat(43)}&parent=${encodeURIComponent(location.origin)}&theme=%7B%7D`;
    iframe.style.cssText = "width:100%;height:300px;border:0";
    document.getElementById("junction")!.append(iframe);
    window.addEventListener("message", (m) => {
      if (m.source === iframe.contentWindow) document.getElementById("raw")!.textContent += JSON.stringify(m.data.event);
    });
  }, baseURL!);
  await expect(view(page).getByRole("alert").filter({ hasText: "Your session has expired" })).toContainText(
    `Session expired — sign in again from ${new URL(w.host.origin).host}.`,
  );
  await expect(page.getByLabel("Raw frame messages")).toContainText('"type":"error","code":"session_expired"');
  await screenshot(page, "embedded-session-expired");
});

test("each view in the host page, light and dark; a read-only user only looks; Remove tells the host", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const w = await setUp(request, baseURL!);
  // a serial file: run alone (-g), this test has no instance to look at, and says so instead of passing unseen
  expect(w.instanceId, "needs the instance the first test of this file activates: run the whole file").toBeTruthy();
  const instanceId = w.instanceId!;

  // the alert the run's warning raised, and its run's logs through "View execution"
  await open(page, w, { view: "alerts" });
  const frame = view(page);
  await expect(frame.getByRole("listitem", { name: "Alert Contacts need attention" }).first()).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await screenshot(page, "embedded-alerts-light");
  await frame.getByRole("link", { name: "View execution" }).first().click();
  await expect(frame.getByRole("list", { name: "Log lines" })).toContainText("2 contacts had no e-mail address");

  // the dark theme, from the host page's overrides
  await open(page, w, { view: "marketplace", theme: DARK });
  await expect(view(page).getByRole("listitem", { name: visible })).toContainText("Configured");
  await expect(view(page).locator("html")).toHaveAttribute("data-junction-mode", "dark");
  await expect(view(page).locator("body")).toHaveCSS("background-color", "rgb(11, 17, 32)");
  await screenshot(page, "embedded-marketplace-dark");
  await open(page, w, { view: "configure", instanceId, theme: DARK });
  await expect(view(page).locator('[data-field="crm"]')).toBeVisible();
  // a light primary gets dark text
  await expect(view(page).getByRole("button", { name: "Next" })).toHaveCSS("color", "rgb(15, 23, 42)");
  await screenshot(page, "embedded-wizard-dark");
  // reconfiguring keeps the connection (never sent back) and tells the host
  await view(page).getByRole("button", { name: "Next" }).click();
  await view(page).getByRole("button", { name: "Save configuration" }).click();
  expect(await eventOf(page, "instance-configured")).toEqual({ type: "instance-configured", instanceId });
  await open(page, w, { view: "instance", instanceId, theme: DARK });
  await view(page)
    .getByRole("button", { name: /^Logs of the run/ })
    .first()
    .click();
  await expect(view(page).getByRole("list", { name: "Log lines" })).toBeVisible();
  await screenshot(page, "embedded-instance-dark");
  await open(page, w, { view: "alerts", theme: DARK });
  await expect(view(page).getByRole("listitem", { name: "Alert Contacts need attention" }).first()).toBeVisible();
  await screenshot(page, "embedded-alerts-dark");

  // a read-only user of the same customer: sees, cannot change
  const viewer = { sub: `user-vic-${run}`, name: "Vic Viewer", email: "vic@acme.test", role: "read-only" as const };
  await open(page, w, { ...viewer, view: "instance", instanceId });
  await expect(view(page).getByRole("heading", { name: `${visible} for Acme ${run}` })).toBeVisible();
  await expect(view(page).getByRole("switch", { name: "Enabled" })).toHaveCount(0);
  await expect(view(page).getByRole("button", { name: "Remove" })).toHaveCount(0);
  await view(page).getByRole("link", { name: "Configuration" }).click();
  await expect(view(page).getByRole("status")).toContainText("You have read-only access");
  await screenshot(page, "embedded-configure-read-only");

  // the admin removes it: the host page hears instance-removed, and the marketplace offers Activate again
  await open(page, w, { view: "instance", instanceId });
  await view(page).getByRole("button", { name: "Remove" }).click();
  await view(page).getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  expect(await eventOf(page, "instance-removed")).toEqual({ type: "instance-removed", instanceId });
  await expect(view(page).getByRole("link", { name: `Activate ${visible}` })).toBeVisible();
});

test("Settings → Embedding: keys with their last use, a generated HS256 secret shown once, origins, sign-in, theme with a live preview", async ({
  page,
  request,
  baseURL,
}) => {
  const w = await setUp(request, baseURL!);
  await signInAsAdmin(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Embedding" }).click();
  const keys = page.getByRole("table", { name: "Signing keys" });
  const hostKey = keys.getByRole("row").filter({ hasText: w.host.kid });
  await expect(hostKey).toContainText("RS256");
  await expect(hostKey).toContainText("public key (PEM)");
  await expect(hostKey).not.toContainText("—"); // last used: the sign-ins above
  await expect(page.getByRole("list", { name: "Allowed origins" })).toContainText(w.host.origin);

  // an HS256 secret: generated, shown once
  await page.getByLabel("HS256 secret").check();
  await page.getByLabel("Key id (kid)").fill(`hs-${run}`);
  await page.getByRole("button", { name: "Generate secret" }).click();
  const secret = (await page.getByTestId("new-signing-secret").textContent())!;
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await expect(keys.getByRole("row").filter({ hasText: `hs-${run}` })).toContainText("shared secret");
  await page.reload();
  await expect(page.getByTestId("new-signing-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // a bad origin is refused with the server's reason
  await page.getByRole("textbox", { name: "Origin" }).fill("https://*.example.com");
  await page.getByRole("button", { name: "Add origin" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must be an origin" })).toBeVisible();

  // the theme: a color that is not a color is refused beside its field; the preview follows a good one
  const preview = page.getByRole("figure", { name: "Theme preview" });
  await page.getByLabel("Primary", { exact: true }).fill("red; background: url(x)");
  await expect(page.getByRole("alert").filter({ hasText: /^primary must be a / })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save theme" })).toBeDisabled();
  await page.getByLabel("Primary", { exact: true }).fill("#0f766e");
  await expect(preview.getByText("Activate")).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await page.getByLabel("Corner radius").fill("14px");
  await screenshot(page, "embedded-settings");
  await page.getByRole("button", { name: "Discard changes" }).click();
  await page
    .getByRole("row")
    .filter({ hasText: `hs-${run}` })
    .getByRole("button", { name: `Revoke hs-${run}` })
    .click();
  await expect(keys.getByRole("row").filter({ hasText: `hs-${run}` })).toContainText("revoked");
});

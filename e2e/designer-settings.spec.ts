/**
 * The designer beyond building steps: attachments (upload, list, download, delete, the size limit),
 * renaming and deleting flows, endpoint security and concurrency, branch lanes that scroll
 * sideways, and the testing pane following a run over server-sent events.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAsAdmin } from "./support/auth";
import { signIn, trpcMutation } from "./support/seed-trpc";

test.use({ viewport: { width: 1600, height: 1000 } });

const STORES = ["AWS", "Azure", "Dropbox", "Box", "Google Drive", "OneDrive", "SharePoint"];

/** Two flows; the first greets (logging a line), calls `url`, then branches on a value into seven stores. */
const yaml = (name: string, url = "http://127.0.0.1:9/unused") => `definitionVersion: 1
name: ${name}
description: Seeded by e2e/designer-settings.spec.ts
flows:
  - name: Receive order
    trigger: { type: webhook }
    steps:
      - name: Greet
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async ({ logger }, stepResults) => {
                logger.info("hello from the designer test");
                return { data: { store: "dropbox" } };
              };
      - name: Call partner
        action: http.get
        inputs:
          url: { value: "${url}" }
      - name: Route to store
        action: branch.branchOnValue
        inputs:
          value: { reference: greet.results.store }
        branches:
${STORES.map((s) => `          - name: ${s}\n            when: ${s.toLowerCase()}\n            steps: []`).join("\n")}
        else: []
  - name: Nightly report
    trigger: { type: schedule, schedule: { every: 1, unit: days } }
    steps: []
`;

async function openSeeded(page: Page, label: string, url?: string): Promise<string> {
  await signInAsAdmin(page);
  const { id } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml: yaml(`${label} ${Date.now()}`, url) });
  await page.goto(`/integrations/${id}`);
  await expect(page.getByTestId("trigger")).toBeVisible();
  return id;
}

/** A local endpoint that holds each request until `release()`, so a test run waits in its step for as long as the test needs. */
async function startHeldServer() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const requested = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((_req, res) => {
    arrived();
    void released.then(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/partner`,
    requested,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const yamlText = (page: Page) => page.getByLabel("Definition YAML").locator(".cm-content");

test("attachments: upload, list, download, delete, and a file over the limit refused", async ({ page, playwright, browser }) => {
  const id = await openSeeded(page, "Attachments");
  await page.getByRole("tab", { name: "Attachments" }).click();
  const tab = page.getByRole("region", { name: "Attachments" });
  await expect(tab.getByText("No attachments yet.")).toBeVisible();
  await expect(tab).toContainText("up to 10.0 MB a file");

  const spec = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, 0x80]);
  await tab.getByLabel("Files to attach").setInputFiles([
    { name: "Partner API spec.pdf", mimeType: "application/pdf", buffer: spec },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Ask the partner for a sandbox account.\n") },
  ]);
  await expect(tab.getByRole("status")).toHaveText("Uploaded 2 files.");
  const table = tab.getByRole("table", { name: "Attachments" });
  await expect(table.getByRole("row", { name: /Partner API spec\.pdf/ })).toContainText("application/pdf");
  await expect(table.getByRole("row", { name: /notes\.txt/ })).toContainText("admin@e2e.junction.test");

  // download gives back the very bytes
  const download = page.waitForEvent("download");
  await table.getByRole("link", { name: "Download Partner API spec.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Partner API spec.pdf");
  expect(Buffer.compare(readFileSync((await file.path())!), spec)).toBe(0);

  // over JUNCTION_MAX_ATTACHMENT_MB (10): refused with the reason, nothing kept
  await tab
    .getByLabel("Files to attach")
    .setInputFiles({ name: "too-big.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await expect(tab.getByRole("alert")).toHaveText(
    "too-big.bin: The file is larger than the 10 MB attachment limit (JUNCTION_MAX_ATTACHMENT_MB)",
  );
  const api = `/api/integrations/${id}/attachments`;
  const big = await page.request.post(`${api}?name=big.bin`, {
    data: Buffer.alloc(10 * 1024 * 1024 + 1),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(big.status()).toBe(413);
  expect((await big.json()).error).toMatch(/larger than the 10 MB attachment limit/);
  await expect(table.getByRole("row")).toHaveCount(3);
  await screenshot(page, "designer-attachments");

  // nobody signed in: neither download nor upload
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const listed = (
    await (await page.request.get(`/api/trpc/integrations.attachments.list?input=${encodeURIComponent(JSON.stringify({ id }))}`)).json()
  ).result.data;
  const notes = listed.items.find((a: { name: string }) => a.name === "notes.txt");
  expect((await anonymous.get(`${api}/${notes.id}`)).status()).toBe(401);
  expect((await anonymous.post(`${api}?name=x.txt`, { data: "x" })).status()).toBe(401);
  expect(await (await page.request.get(`${api}/${notes.id}`)).text()).toBe("Ask the partner for a sandbox account.\n");
  await anonymous.dispose();

  // support reads (list, download) but does not change
  const origin = new URL(page.url()).origin;
  const support = { email: `support-${Date.now()}@e2e.junction.test`, password: "support-password-1" };
  await trpcMutation(page.request, "users.create", { name: "Sam Support", role: "support", ...support });
  const supportContext = await browser.newContext({ baseURL: origin });
  await signIn(supportContext.request, support);
  expect(await (await supportContext.request.get(`${api}/${notes.id}`)).text()).toBe("Ask the partner for a sandbox account.\n");
  expect((await supportContext.request.post(`${api}?name=x.txt`, { data: "x" })).status()).toBe(403);
  expect(
    (
      await supportContext.request.post("/api/trpc/integrations.attachments.delete", { data: { integrationId: id, id: notes.id } })
    ).status(),
  ).toBe(403);
  const supportPage = await supportContext.newPage();
  await supportPage.goto(`/integrations/${id}`);
  await supportPage.getByRole("tab", { name: "Attachments" }).click();
  await expect(supportPage.getByRole("link", { name: "Download notes.txt" })).toBeVisible();
  await expect(supportPage.getByLabel("Files to attach")).toHaveCount(0);
  await expect(supportPage.getByRole("button", { name: "Delete notes.txt" })).toHaveCount(0);
  await supportContext.close();

  // delete asks first
  await table.getByRole("button", { name: "Delete notes.txt" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete notes.txt?" });
  await dialog.getByRole("button", { name: "Delete attachment" }).click();
  await expect(tab.getByRole("status")).toHaveText("Deleted notes.txt.");
  await expect(table.getByRole("row", { name: /notes\.txt/ })).toHaveCount(0);
  await expect(table.getByRole("row", { name: /Partner API spec\.pdf/ })).toBeVisible();
  expect((await page.request.get(`${api}/${notes.id}`)).status()).toBe(404);

  // a file of exactly the limit is kept whole
  const atLimit = await page.request.post(`${api}?name=at-limit.bin`, {
    data: Buffer.alloc(10 * 1024 * 1024, 7),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(atLimit.status()).toBe(201);
  const kept = await page.request.get(`${api}/${(await atLimit.json()).id}`);
  expect((await kept.body()).equals(Buffer.alloc(10 * 1024 * 1024, 7))).toBe(true);
});

test("flows: rename and delete with a confirmation; the last flow is kept", async ({ page }) => {
  await openSeeded(page, "Flows");
  const flowSelect = page.getByLabel("Flow", { exact: true });
  await flowSelect.selectOption({ label: "Nightly report" });

  await page.getByRole("button", { name: "Rename flow Nightly report" }).click();
  let dialog = page.getByRole("dialog", { name: "Rename flow Nightly report" });
  await dialog.getByLabel("Flow name").fill("receive-order");
  await dialog.getByRole("button", { name: "Rename flow" }).click();
  await expect(dialog.getByRole("alert")).toHaveText('the flow "Receive order" already has the key "receiveOrder"');
  await dialog.getByLabel("Flow name").fill("Daily report");
  await expect(dialog).toContainText("The flow's key becomes dailyReport");
  await dialog.getByRole("button", { name: "Rename flow" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(flowSelect.locator("option")).toHaveText(["Receive order", "Daily report"]);

  await page.getByRole("button", { name: "Delete flow Daily report" }).click();
  dialog = page.getByRole("dialog", { name: "Delete flow Daily report?" });
  await expect(dialog).toContainText("Its trigger is removed from the draft (Undo brings it back).");
  await screenshot(page, "designer-delete-flow");
  await dialog.getByRole("button", { name: "Delete flow" }).click();
  await expect(flowSelect.locator("option")).toHaveText(["Receive order"]);
  await expect(page.getByTestId("step-Greet")).toBeVisible();

  await page.getByRole("button", { name: "Delete flow Receive order" }).click();
  dialog = page.getByRole("dialog", { name: "Delete flow Receive order?" });
  await expect(dialog.getByRole("alert")).toHaveText("An integration needs at least one flow: add another flow before deleting this one.");
  await expect(dialog.getByRole("button", { name: "Delete flow" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

  // the renamed flow came back with undo and went again with redo; the saved draft has one flow
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(flowSelect.locator("option")).toHaveText(["Receive order", "Daily report"]);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(flowSelect.locator("option")).toHaveText(["Receive order"]);
  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(yamlText(page)).toContainText("- name: Receive order");
  await expect(yamlText(page)).not.toContainText("report");
});

test("trigger settings: endpoint security and concurrency, kept in the YAML", async ({ page }) => {
  await openSeeded(page, "Trigger settings");
  await page.getByTestId("trigger").click();
  const config = page.getByRole("complementary", { name: "Configuration" });
  const security = config.getByRole("radiogroup", { name: "Endpoint security" });
  await expect(security.getByRole("radio", { name: /^URL only/ })).toBeChecked();
  await security.getByRole("radio", { name: /^HMAC signature/ }).check();
  await expect(config).toContainText('x-junction-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">');
  await config.getByLabel("Concurrency", { exact: true }).selectOption("throttled");
  await config.getByLabel("Runs at once").fill("5");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await screenshot(page, "designer-trigger-settings");

  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(yamlText(page)).toContainText("endpointSecurity: hmac");
  await expect(yamlText(page)).toContainText(/concurrency:\s+mode: throttled\s+limit: 5/);

  // what was saved is what a reload shows
  await page.reload();
  await page.getByTestId("trigger").click();
  await expect(security.getByRole("radio", { name: /^HMAC signature/ })).toBeChecked();
  await expect(config.getByLabel("Runs at once")).toHaveValue("5");
  await security.getByRole("radio", { name: /^API key header/ }).check();
  await config.getByLabel("Concurrency", { exact: true }).selectOption("sequential");
  await expect(config.getByLabel("Runs at once")).toHaveCount(0);
  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(yamlText(page)).toContainText("endpointSecurity: apiKey");
  await expect(yamlText(page)).toContainText(/concurrency:\s+mode: sequential\s+steps:/);

  // parallel and URL only are the defaults: nothing is written for them
  await page.getByRole("tab", { name: "Designer" }).click();
  await page.getByTestId("trigger").click();
  await security.getByRole("radio", { name: /^URL only/ }).check();
  await config.getByLabel("Concurrency", { exact: true }).selectOption("parallel");
  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(yamlText(page)).toContainText("name: Receive order");
  await expect(yamlText(page)).not.toContainText("execution:");
});

test("many branch lanes scroll sideways at full width; the testing pane follows the run over server-sent events", async ({ page }) => {
  const partner = await startHeldServer();
  try {
    await lanesAndLiveRun(page, partner);
  } finally {
    partner.release();
    await partner.close();
  }
});

async function lanesAndLiveRun(page: Page, partner: Awaited<ReturnType<typeof startHeldServer>>) {
  await openSeeded(page, "Lanes", partner.url);
  const editor = page.getByRole("region", { name: "Editor" });
  // it opens on the main column, not on the leftmost lane
  const opened = (await editor.boundingBox())!;
  const trigger = (await page.getByTestId("trigger").boundingBox())!;
  expect(trigger.x).toBeGreaterThan(opened.x);
  expect(trigger.x + trigger.width).toBeLessThan(opened.x + opened.width);
  for (const store of [...STORES, "Else"]) {
    const box = (await page.getByTestId(`lane-${store}`).boundingBox())!;
    expect(box.width, `lane ${store}`).toBeGreaterThanOrEqual(208);
  }
  const { scrollWidth, clientWidth } = await editor.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  // the first lane can be scrolled to (nothing cut off on the left), and so can the last
  await editor.evaluate((e) => (e.scrollLeft = 0));
  expect((await page.getByTestId("lane-AWS").boundingBox())!.x).toBeGreaterThanOrEqual((await editor.boundingBox())!.x);
  await page.getByTestId("lane-Else").scrollIntoViewIfNeeded();
  const lastLane = (await page.getByTestId("lane-Else").boundingBox())!;
  const pane = (await editor.boundingBox())!;
  expect(lastLane.x + lastLane.width).toBeLessThanOrEqual(pane.x + pane.width);
  await editor.evaluate((e) => (e.scrollLeft = (e.scrollWidth - e.clientWidth) / 2));
  await editor.screenshot({ path: "e2e/screenshots/designer-branch-lanes.png" });

  // live: while the run waits in its call to the partner, the pane listens to the run's event
  // stream (it does not poll); the step written before it and the end arrive over the stream
  const testing = page.getByRole("region", { name: "Testing" });
  const stream = page.waitForRequest((r) => /\/api\/executions\/[0-9a-f-]{36}\/events$/.test(r.url()));
  await testing.getByRole("button", { name: "Save & Run Test" }).click();
  await partner.requested;
  const runId = await testing.getByTestId("run-status").getAttribute("data-run-id");
  expect((await stream).url()).toContain(`/api/executions/${runId}/events`);
  await expect(testing.getByTestId("run-status")).toHaveText("running");
  await testing.getByRole("tab", { name: "Logs" }).click();
  await expect(testing.getByRole("list", { name: "Test logs" })).toContainText("hello from the designer test");
  partner.release();
  await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await testing.getByRole("tab", { name: "Step outputs" }).click();
  await testing.getByLabel("Step", { exact: true }).selectOption({ label: "Route to store — succeeded" });
  await expect(testing.getByRole("tree", { name: "Step result" })).toContainText('"Dropbox"');
  await testing.getByRole("tab", { name: "Test runs" }).click();
  await expect(testing.getByRole("row", { name: /receiveOrder/ })).toContainText("succeeded");
}

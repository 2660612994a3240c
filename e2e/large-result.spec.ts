/**
 * A run whose result is larger than what is kept for display (issue 18, item 2): its webhook
 * caller gets all 2 MB; the execution page says the result shown is a preview, and its download
 * is the full result, byte for byte — at 1280x720 and 1440x900.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now().toString(36);
const SHOTS = "test-results/h6";

/** about 2 MB of JSON, built the same way by the code step and by the test */
const build = `(n) => ({ report: "orders", rows: Array.from({ length: n }, (_, i) => ({ id: i, customer: "Client " + i + " – Ærø", note: "x".repeat(80) })) })`;
const expected = Buffer.from(JSON.stringify((0, eval)(build)(17_000)));
/** its size as the page writes it */
const shownSize = `${(expected.length / 1024 / 1024).toFixed(1)} MB`;

const yaml = `definitionVersion: 1
name: Large result ${run}
flows:
  - name: Export orders
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Build report
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(`module.exports = async () => ({ data: (${build})(17000) });`)} }
`;

let webhookPath: string;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page);
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpcMutation<{ id: string }>(page.request, "customers.create", { name: `Large result customer ${run}` });
  const { id } = await trpcMutation<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    configValues: {},
  });
  const instance = (await trpcQuery(page.request, "instances.get", { id })).data as { flows: { webhookUrl: string }[] };
  webhookPath = new URL(instance.flows[0]!.webhookUrl).pathname;
  await page.close();
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`a 2 MB result: the caller gets it whole; the page shows a preview and downloads the full result at ${size.width}x${size.height}`, async ({
    page,
  }) => {
    expect(expected.length).toBeGreaterThan(2 * 1024 * 1024);
    await page.setViewportSize(size);
    await signInAsAdmin(page);
    const answer = await page.request.post(webhookPath, { data: {} });
    expect(answer.status()).toBe(200);
    expect((await answer.body()).equals(expected)).toBe(true);
    const id = answer.headers()["x-junction-execution-id"]!;

    await page.goto(`/monitoring/executions/${id}`);
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Result", exact: true }) });
    await expect(card.getByRole("note")).toContainText(`Preview only: the result is ${shownSize}, more than this page keeps.`);
    await expect(card.getByLabel("Result preview")).toContainText('{"report":"orders","rows":[{"id":0,');
    const link = card.getByRole("link", { name: `Download the full result (${shownSize})` });
    await link.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/large-result-${size.width}x${size.height}.png` });
    await card.screenshot({ path: `${SHOTS}/large-result-card-${size.width}x${size.height}.png` });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`result-${id}.json`);
    expect(readFileSync((await download.path())!).equals(expected)).toBe(true);
  });
}

/**
 * Bulk replay from the Executions list: filtered to one instance's failed runs, "Replay N runs…"
 * asks with the count and the side-effects warning, the job's progress shows above the list, and
 * Cancel stops it with the rest left undone. Runs are seeded through webhooks of a flow that fails.
 */
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now().toString(36);
const RUNS = 100;
const yaml = `definitionVersion: 1
name: Bulk replay e2e ${run}
flows:
  - name: Push invoice
    trigger: { type: webhook }
    steps:
      - name: Call the API
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async () => { throw new Error("the customer API answered 503"); };
`;

test("filter to one instance's failed runs, replay them all, watch the progress, cancel halfway", async ({ page }) => {
  await signInAsAdmin(page);
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpcMutation<{ id: string }>(page.request, "customers.create", { name: `Outage ${run}` });
  const instanceName = `Invoices ${run}`;
  const { id: instanceId } = await trpcMutation<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    name: instanceName,
    configValues: {},
  });
  const instance = await trpcQuery(page.request, "instances.get", { id: instanceId });
  const path = new URL((instance.data as { flows: { webhookUrl: string }[] }).flows[0]!.webhookUrl).pathname;
  for (let i = 0; i < RUNS; i++) expect((await page.request.post(path, { data: { invoice: i } })).status()).toBe(202);
  // all of them failed (the outage)
  await expect
    .poll(
      async () =>
        ((await trpcQuery(page.request, "executions.bulkReplayCount", { instanceId, status: "failed" })).data as { count: number }).count,
      {
        timeout: 60_000,
      },
    )
    .toBe(RUNS);

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/monitoring/executions");
  await page.getByLabel("Instance").selectOption({ label: instanceName });
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: `Replay ${RUNS} runs…` }).click();

  const dialog = page.getByRole("dialog", { name: `Replay ${RUNS} runs` });
  await expect(dialog).toContainText(`${RUNS} runs matching these filters will run again`);
  await expect(dialog.getByRole("note")).toContainText("Replaying repeats side effects");
  await page.screenshot({ path: test.info().outputPath("bulk-replay-confirm-1280.png") });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: test.info().outputPath("bulk-replay-confirm-1440.png") });
  await dialog.getByRole("button", { name: `Replay ${RUNS} runs` }).click();
  await expect(dialog).toBeHidden();

  // progress: some replayed, the rest remaining (the server replays 10 a second by default)
  const progress = page.getByRole("listitem", { name: "Bulk replay" }).first();
  await expect(progress).toContainText(`bulk replay of ${RUNS} runs`);
  await expect(progress.getByLabel("Progress")).toContainText(/[1-9]\d* replayed · 0 failed · \d+ remaining/);
  await page.screenshot({ path: test.info().outputPath("bulk-replay-progress-1440.png") });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: test.info().outputPath("bulk-replay-progress-1280.png") });

  await progress.getByRole("button", { name: "Cancel bulk replay" }).click();
  await expect(progress).toContainText("Canceled");
  const text = (await progress.getByLabel("Progress").textContent())!;
  const [replayed, , remaining] = [...text.matchAll(/([\d,]+)/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
  expect(replayed).toBeGreaterThan(0);
  expect(remaining).toBeGreaterThan(0);
  expect(replayed! + remaining!).toBe(RUNS);
  await page.screenshot({ path: test.info().outputPath("bulk-replay-canceled-1280.png") });

  // each new run is linked to its original: the list's replays of this instance are as many as were replayed
  await page.getByLabel("Status").selectOption("");
  await expect
    .poll(async () => {
      const list = await trpcQuery(page.request, "executions.list", { instanceId, limit: 500 });
      return (list.data as { items: { source: string }[] }).items.filter((r) => r.source === "replay").length;
    })
    .toBe(replayed);
});

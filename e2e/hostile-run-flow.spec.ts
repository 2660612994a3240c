/**
 * Hostile tenants, the instance page's "Run flow" card: it posts to the flow's webhook on the
 * app's own origin, so the browser would attach the signed-in user's session cookie — which the
 * run (the customer's data and code) must never see.
 */
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { signIn, trpcMutation } from "./support/seed-trpc";

const run = Date.now();

const headersFlow = (name: string) => `definitionVersion: 1
name: ${name}
flows:
  - name: Show headers
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Headers
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (c, s) => ({ data: s.trigger.results.headers });" }
`;

test("Run flow sends no cookie: the signed-in user's session is not in the run's trigger", async ({ page }) => {
  await signIn(page.request, E2E_ADMIN);
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name).join(" ")).toMatch(/session/);
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", {
    yaml: headersFlow(`Headers ${run}`),
  });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpcMutation<{ id: string }>(page.request, "customers.create", { name: `Headers customer ${run}` });
  const { id } = await trpcMutation<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    configValues: {},
  });

  await page.goto(`/instances/${id}`);
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.url().includes("/webhooks/")),
    page.getByRole("button", { name: "Run flow" }).click(),
  ]);
  // the browser sent none (credentials: "omit"); the server would drop it anyway (test/hostile/ingest.db.test.ts)
  expect((await sent.allHeaders()).cookie).toBeUndefined();
  const response = page.getByTestId("test-response");
  await expect(response).toContainText("HTTP 200");
  // the run saw the browser's ordinary headers, and none of its credentials
  await expect(response).toContainText(/"x-junction-synchronous":\s*"true"/);
  const shown = (await response.textContent()) ?? "";
  expect(shown).not.toContain('"cookie"');
  for (const c of cookies) expect(shown).not.toContain(c.value);
});

/**
 * Hostile tenants, the instance page's "Run flow" card: the signed-in user's session cookie must
 * never reach the run (the customer's data and code). The card starts a test run through the API
 * (instances.testFlow), whose trigger carries only the headers the server sets.
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
  await page.getByRole("button", { name: "Run flow" }).click();
  const outcome = page.getByTestId("test-outcome");
  await expect(outcome.getByRole("status")).toContainText("succeeded");
  // the run saw ordinary headers, and none of the browser's credentials
  await expect(outcome).toContainText(/"content-type":\s*"application\/json"/);
  const shown = (await outcome.textContent()) ?? "";
  expect(shown).not.toContain('"cookie"');
  for (const c of cookies) expect(shown).not.toContain(c.value);
});

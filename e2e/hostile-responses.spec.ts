/**
 * Hostile tenants, a run's result on the app's origin: a code step's HTML must not become a page
 * of the app (stored XSS against whoever opens the result), and the app's own pages may be framed
 * only by themselves (and JUNCTION_FRAME_ANCESTORS).
 */
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { signIn, trpcMutation, trpcQuery } from "./support/seed-trpc";

const run = Date.now();

const htmlFlow = (name: string) => `definitionVersion: 1
name: ${name}
flows:
  - name: Page
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Html
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(`module.exports = async () => ({ data: "<script>document.title = 'pwned:' + document.cookie</script>", contentType: "text/html", headers: { "set-cookie": "junction=stolen; Path=/" } });`)} }
`;

test("a run's HTML result is a download with nosniff and CSP sandbox, never a page of the app; app pages carry frame-ancestors", async ({
  page,
}) => {
  await signIn(page.request, E2E_ADMIN);
  const { id: integrationId } = await trpcMutation<{ id: string }>(page.request, "integrations.import", { yaml: htmlFlow(`Html ${run}`) });
  await trpcMutation(page.request, "integrations.publish", { id: integrationId, note: "first" });
  const customer = await trpcMutation<{ id: string }>(page.request, "customers.create", { name: `Html customer ${run}` });
  const { id } = await trpcMutation<{ id: string }>(page.request, "instances.create", {
    integrationId,
    customerId: customer.id,
    configValues: {},
  });
  const { flows } = (await trpcQuery(page.request, "instances.get", { id })).data as { flows: { webhookUrl: string }[] };

  const answer = await page.request.post(new URL(flows[0]!.webhookUrl).pathname, { data: {}, headers: { cookie: "" } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["set-cookie"]).toBeUndefined();
  expect(answer.headers()["content-security-policy"]).toBe("sandbox");
  expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
  const executionId = answer.headers()["x-junction-execution-id"]!;

  const result = await page.request.get(`/api/executions/${executionId}/result`);
  expect(result.status()).toBe(200);
  expect(result.headers()["content-disposition"]).toBe(`attachment; filename="result-${executionId}"`);
  expect(result.headers()["content-security-policy"]).toBe("sandbox");
  expect(result.headers()["x-content-type-options"]).toBe("nosniff");
  expect(result.headers()["set-cookie"]).toBeUndefined();

  // opened in the browser, it downloads instead of running its script on the app's origin
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.goto(`/api/executions/${executionId}/result`).catch(() => null),
  ]);
  expect(download.suggestedFilename()).toBe(`result-${executionId}`);

  const home = await page.request.get("/");
  expect(home.headers()["content-security-policy"]).toBe("frame-ancestors 'self'");
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
});

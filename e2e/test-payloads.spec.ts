/**
 * Test runs with any payload (issue 18): a PDF chosen in the testing pane reaches the code step
 * byte for byte, and the draft's test URL runs the draft for a real caller until it is rotated.
 */
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { screenshot, signInAsAdmin } from "./support/auth";

// what the code step saw: the type, size and digest of the body, so a byte changed anywhere shows
const CODE = `module.exports = async (context, stepResults) => {
  const body = stepResults.trigger.results.body;
  const digest = Array.from(context.crypto.hash("sha256", body.data), (b) => b.toString(16).padStart(2, "0")).join("");
  return { data: { contentType: body.contentType, size: body.data.length, sha256: digest } };
};`;

const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from("%%EOF\n")]);
const sha256 = createHash("sha256").update(pdf).digest("hex");

test("a PDF from the testing pane and from a real caller at the draft's test URL reaches the code step intact", async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInAsAdmin(page);
  const name = `Invoices ${Date.now()}`;
  const yaml = `definitionVersion: 1
name: ${name}
flows:
  - name: Receive invoice
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Inspect
        action: code.runCode
        inputs:
          code: { value: ${JSON.stringify(CODE)} }
`;
  await page.goto("/integrations");
  await page.getByLabel("YAML file to import").setInputFiles({ name: "invoices.yml", mimeType: "text/yaml", buffer: Buffer.from(yaml) });
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);

  // the testing pane: a file, sent as its bytes with its type
  const testing = page.getByRole("region", { name: "Testing" });
  await testing.getByRole("tab", { name: "Payload" }).click();
  await testing.getByRole("radiogroup", { name: "Payload kind" }).getByRole("radio", { name: "File" }).click();
  await testing.getByLabel("Payload file").setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(testing.getByTestId("payload-file")).toHaveText(`invoice.pdf · ${pdf.length} bytes · sent as application/pdf`);
  await screenshot(page, "test-payload-file");
  await testing.getByRole("button", { name: "Save & Run Test" }).click();
  await expect(testing.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  const result = testing.getByRole("tree", { name: "Step result" });
  await expect(result).toContainText('"application/pdf"');
  await expect(result).toContainText(String(pdf.length));
  await expect(result).toContainText(sha256);

  // the draft's test URL, called as the customer's system would
  await testing.getByRole("tab", { name: "Test URL" }).click();
  const url = await testing.getByLabel("Test URL of Receive invoice").inputValue();
  expect(url).toMatch(/\/api\/test-webhooks\/[\w-]+$/);
  await screenshot(page, "test-url");
  const answer = await request.post(url, { data: pdf, headers: { "content-type": "application/pdf" } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ contentType: "application/pdf", size: pdf.length, sha256 });
  await testing.getByRole("tab", { name: "Test runs" }).click();
  await expect(testing.getByRole("row")).toHaveCount(3); // the header, the pane's run, the caller's run

  // rotated: the old URL is turned away, the new one works
  page.once("dialog", (dialog) => void dialog.accept());
  await testing.getByRole("tab", { name: "Test URL" }).click();
  await testing.getByRole("button", { name: "Rotate" }).click();
  await expect(testing.getByLabel("Test URL of Receive invoice")).not.toHaveValue(url);
  expect((await request.post(url, { data: pdf, headers: { "content-type": "application/pdf" } })).status()).toBe(404);
  const fresh = await testing.getByLabel("Test URL of Receive invoice").inputValue();
  expect((await request.post(fresh, { data: pdf, headers: { "content-type": "application/pdf" } })).status()).toBe(200);
});

/**
 * "New object in S3 → row in PostgreSQL → message in Slack", end to end in Chromium against the
 * real server: the three connectors are installed by name from the e2e's verdaccio (serve-e2e.ts
 * publishes the connector packages there), the flow is built in the designer by clicking (a
 * polling component trigger, two connector steps, a connection config variable created from each
 * connection input), published, deployed to a customer through the wizard, and then an object put
 * into s3rver starts a run that inserts the row in the machine's PostgreSQL and posts to a local
 * Slack Web API server. Polls run on real minutes: the first takes the baseline, the object is
 * put after it, the next one reports it.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_ADMIN } from "@/playwright.config";
import type { RunningS3 } from "@/components-registry/connectors/s3/test-support/s3-server";
import type { SlackMessageRecord } from "@/components-registry/connectors/slack/test-support/slack-api-server";
import { screenshot, signInAsAdmin } from "./support/auth";
import { addStep, stepCard } from "./support/designer-helpers";
import { installConnector } from "./support/install-connector";
import { signIn, trpcMutation } from "./support/seed-trpc";

const run = Date.now();
const table = `e2e_s3_objects_${run}`;
const BUCKET = "incoming";
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

interface ServersState {
  s3: Pick<RunningS3, "url" | "connection" | "requests">;
  slack: { url: string; token: string; messages: SlackMessageRecord[] };
}

/** s3rver and the Slack Web API server, in their own process (e2e/support/connector-servers.ts says why) */
async function startConnectorServers(bucket: string): Promise<{ state(): Promise<ServersState>; stop(): Promise<void> }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // Playwright's loader is not for the child
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/support/connector-servers.ts", bucket], {
    stdio: ["pipe", "pipe", "inherit"],
    env,
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the connector servers exited with code ${code}`)));
  });
  const { control } = JSON.parse(line) as { control: string };
  return {
    state: async () => (await (await fetch(`${control}/state`)).json()) as ServersState,
    stop: async () => {
      child.stdin!.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

const require_ = createRequire(import.meta.url);
const aws4 = require_("aws4") as {
  sign(
    req: { host: string; path: string; method: string; service: string; region: string; headers: Record<string, string>; body: string },
    c: object,
  ): {
    headers: Record<string, string>;
  };
};

/** PUT an object through the signature-checking proxy, as any S3 client would. */
async function putObject(s3: ServersState["s3"], key: string, body: string): Promise<void> {
  const url = new URL(`${s3.url}/${BUCKET}/${key}`);
  const signed = aws4.sign(
    {
      host: url.host,
      path: url.pathname,
      method: "PUT",
      service: "s3",
      region: s3.connection.region,
      headers: { "content-type": "text/csv" },
      body,
    },
    { accessKeyId: s3.connection.accessKeyId, secretAccessKey: s3.connection.secretAccessKey },
  );
  const res = await fetch(url, { method: "PUT", headers: signed.headers, body });
  expect(res.status, await res.text()).toBe(200);
}

test("S3 new object → PostgreSQL row → Slack message, built in the designer and deployed through the wizard", async ({ page, request }) => {
  test.setTimeout(480_000);
  const servers = await startConnectorServers(BUCKET);
  const { s3, slack } = await servers.state();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`create table ${table} (id serial primary key, bucket text, key text, size int, "lastModified" text, etag text)`);

    await signIn(request, E2E_ADMIN);
    for (const spec of ["@junction-connectors/s3", "@junction-connectors/postgres", "@junction-connectors/slack"]) {
      await installConnector(request, spec);
    }
    const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Umbrella ${run}` });

    // the builder: a new integration
    await signInAsAdmin(page);
    await page.goto("/integrations");
    await page.getByRole("button", { name: "+ Integration" }).click();
    const name = `S3 to PostgreSQL and Slack ${run}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
    const config = page.getByTestId("step-config");

    // the trigger: Amazon S3's "New objects", polling every minute, its connection a new config variable
    await page.getByTestId("trigger").click();
    await page.getByRole("radio", { name: "Component trigger" }).check();
    const trigger = page.getByTestId("component-trigger");
    await trigger.getByLabel("Trigger component").selectOption("amazonS3");
    await trigger.getByLabel("Component trigger").selectOption("newObjects");
    await trigger.getByTestId("input-connection").getByRole("button", { name: "+ Create connection variable" }).click();
    await expect(trigger.locator("#trigger-input-connection")).toHaveValue("amazonS3AccessKey");
    await trigger.locator("#trigger-input-bucket").fill(BUCKET);
    await trigger.locator("#trigger-input-prefix").fill("orders/");
    await page.getByLabel("Every", { exact: true }).fill("1");
    await page.getByLabel("Unit", { exact: true }).selectOption("minutes");
    await screenshot(page, "connectors-flow-trigger");

    // insert the object's listing into PostgreSQL
    await addStep(page, "after the trigger", "insert rows", /PostgreSQL · Insert Rows/);
    await config.getByTestId("input-connection").getByRole("button", { name: "+ Create connection variable" }).click();
    await expect(config.locator("#input-connection")).toHaveValue("postgresDatabase");
    await config.locator("#input-table").fill(table);
    await config.getByRole("radiogroup", { name: "Rows input type", exact: true }).getByRole("radio", { name: "List" }).click();
    await config.getByTestId("input-rows").getByRole("button", { name: "+ Item" }).click();
    await config.getByRole("radiogroup", { name: "Item 1 input type", exact: true }).getByRole("radio", { name: "Reference" }).click();
    await config.getByLabel("Item 1", { exact: true }).fill("trigger.results.body");

    // and tell Slack
    await addStep(page, "after Insert Rows", "post message", /Slack · Post message/);
    await expect(stepCard(page, "Post message")).toBeVisible();
    await config.getByTestId("input-connection").getByRole("button", { name: "+ Create connection variable" }).click();
    await expect(config.locator("#input-connection")).toHaveValue("slackBotToken");
    await config.locator("#input-channel").fill("#orders");
    await config.getByRole("radiogroup", { name: "Text input type", exact: true }).getByRole("radio", { name: "Template" }).click();
    await config.locator("#input-text").fill("New object {{ trigger.results.body.key }}: {{ insertRows.results.rowCount }} row stored");
    await screenshot(page, "connectors-flow-designer");

    await page.getByRole("button", { name: "Publish…" }).click();
    const publication = page.getByRole("complementary", { name: "Publication" });
    await publication.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(publication.getByRole("status")).toHaveText("Published version 1.");

    // deployed to the customer through the wizard, with the three connections
    await page.goto("/deploy");
    await page.locator("#deploy-customer").selectOption(customer.id);
    await page.locator("#deploy-integration").selectOption({ label: `${name} (version 1)` });
    await page.getByRole("button", { name: "Next" }).click();
    const s3Field = page.locator('[data-field="amazonS3AccessKey"]');
    await s3Field.getByLabel("AWS access key: Access key ID").fill(s3.connection.accessKeyId);
    await s3Field.getByLabel("AWS access key: Secret access key").fill(s3.connection.secretAccessKey);
    await s3Field.getByLabel("AWS access key: Endpoint").fill(s3.connection.endpoint);
    await s3Field.getByLabel("AWS access key: Path-style addressing").check();
    const pgField = page.locator('[data-field="postgresDatabase"]');
    await pgField.getByLabel("PostgreSQL database: Host").fill("127.0.0.1");
    await pgField.getByLabel("PostgreSQL database: Database").fill(new URL(databaseUrl).pathname.slice(1) || "postgres");
    await pgField.getByLabel("PostgreSQL database: User").fill(new URL(databaseUrl).username || "postgres");
    await pgField.getByLabel("PostgreSQL database: TLS").selectOption("disable");
    const slackField = page.locator('[data-field="slackBotToken"]');
    await slackField.getByLabel("Slack bot token: Bot token").fill(slack.token);
    await slackField.getByLabel("Slack bot token: API base URL").fill(slack.url);
    await screenshot(page, "connectors-flow-wizard");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Deploy" }).click();
    await expect(page.getByRole("status")).toContainText("is deployed (version 1)");

    // the first poll takes the baseline (a listing of the bucket); an object put after it is new
    await expect
      .poll(async () => (await servers.state()).s3.requests.filter((r) => r.method === "GET" && r.valid).length, { timeout: 150_000 })
      .toBeGreaterThan(0);
    const csv = "id,total\n1,42\n";
    await putObject(s3, "orders/2026-12-04.csv", csv);

    await expect.poll(async () => (await servers.state()).slack.messages.length, { timeout: 180_000, intervals: [2_000] }).toBe(1);
    expect((await servers.state()).slack.messages[0]).toMatchObject({
      channel: "C0G9QKQ2S",
      text: "New object orders/2026-12-04.csv: 1 row stored",
    });
    const rows = await db.query(`select bucket, key, size from ${table}`);
    expect(rows.rows).toEqual([{ bucket: BUCKET, key: "orders/2026-12-04.csv", size: Buffer.byteLength(csv) }]);
  } finally {
    await db.query(`drop table if exists ${table}`).catch(() => {});
    await db.end();
    await servers.stop();
  }
});

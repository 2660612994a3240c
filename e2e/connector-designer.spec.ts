/**
 * A connector in the designer, in Chromium against the real server: the PostgreSQL connector is
 * installed by name from the e2e's verdaccio (serve-e2e.ts publishes the connector packages), a
 * builder adds a connection config variable in the config-page editor, finds the connector's
 * actions grouped in the step picker with their labels and help, binds the step's connection
 * input to the variable and publishes; a customer's user fills the connection's fields in the
 * wizard, and a webhook run queries the machine's PostgreSQL with them. The password is never in
 * any response the browser receives.
 */
import { expect, test, type Page, type Response } from "@playwright/test";
import { E2E_ADMIN } from "@/playwright.config";
import { screenshot, signInAsAdmin } from "./support/auth";
import { setCode } from "./support/designer-helpers";
import { installConnector } from "./support/install-connector";
import { signIn, trpcMutation } from "./support/seed-trpc";

const run = Date.now();
const user = { email: `carol-${run}@initech.test`, password: "carol-password-1" };
// the machine's PostgreSQL trusts local connections, so any password signs in; this one must never come back
const PASSWORD = `pg-secret-${run}`;

/** Every response body the page receives, to check a secret never comes back. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (response: Response) => {
    void response.text().then(
      (text) => bodies.push(text),
      () => {},
    );
  });
  return bodies;
}

test("a connection config variable built in the designer, bound to a connector's action, filled by a customer", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await signIn(request, E2E_ADMIN);
  await installConnector(request, "@junction-connectors/postgres");
  const customer = await trpcMutation<{ id: string }>(request, "customers.create", { name: `Initech ${run}` });
  await trpcMutation(request, "customers.createUser", { customerId: customer.id, name: "Carol", ...user });

  // the builder: a new integration
  await signInAsAdmin(page);
  await page.goto("/integrations");
  await page.getByRole("button", { name: "+ Integration" }).click();
  const name = `Orders to PostgreSQL ${run}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);

  // a connection config variable: credential → Connection → PostgreSQL's database connection
  await page.getByRole("button", { name: "Config variables" }).click();
  const drawer = page.getByRole("dialog", { name: "Config variables" });
  await drawer.getByRole("button", { name: "+ Variable" }).click();
  await drawer.getByLabel("Key", { exact: true }).fill("warehouse");
  await drawer.getByLabel("Label", { exact: true }).fill("Warehouse database");
  await drawer.getByLabel("Type", { exact: true }).selectOption("credential");
  await drawer.getByLabel("Credential type").selectOption("connection");
  await drawer.getByLabel("Connection component").selectOption("postgres");
  await expect(drawer.getByLabel("Connection", { exact: true })).toHaveValue("database");
  await expect(drawer.getByLabel("Connection fields")).toContainText("Host, Port, Database, User, Password (secret), TLS, CA certificate");
  await drawer.getByRole("checkbox", { name: "Required" }).check();
  await screenshot(page, "connector-designer-config-variable");
  await drawer.getByRole("button", { name: "Close config variables" }).click();

  // the step picker: PostgreSQL's actions under their component, with category and descriptions
  await page.getByRole("button", { name: "Add step after the trigger", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Choose an action" });
  const group = picker.getByRole("region", { name: "PostgreSQL" });
  await expect(group).toContainText("Databases");
  await expect(group).toContainText("Run parameterized queries, insert rows and upsert them");
  await expect(group.getByRole("button")).toHaveText([/PostgreSQL · Query/, /PostgreSQL · Insert Rows/, /PostgreSQL · Upsert Rows/]);
  await expect(group.getByRole("button", { name: /PostgreSQL · Query/ })).toContainText("Runs one SQL statement with $1, $2");
  await screenshot(page, "connector-designer-step-picker");
  await page.getByLabel("Search actions").fill("postgres query");
  await group.getByRole("button", { name: /PostgreSQL · Query/ }).click();

  // its inputs: labels, types, defaults and help; the connection input offers the variable
  const config = page.getByTestId("step-config");
  await expect(config.getByTestId("input-params")).toContainText("default []");
  await expect(config.getByTestId("input-params")).toContainText("values for $1, $2, … in order");
  await expect(config.getByTestId("input-sql")).toContainText("e.g. select * from orders where id = $1");
  await expect(config.locator("#input-connection").getByRole("option")).toHaveText([
    "Choose a PostgreSQL database config variable…",
    "Warehouse database (warehouse)",
  ]);
  await config.locator("#input-connection").selectOption("warehouse");
  await setCode(page, config.getByTestId("input-sql"), "select current_user as who, 40 + 2 as answer");
  await screenshot(page, "connector-designer-step-inputs");

  await page.getByRole("button", { name: "Publish…" }).click();
  const publication = page.getByRole("complementary", { name: "Publication" });
  await publication.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publication.getByRole("status")).toHaveText("Published version 1.");

  // the customer's user: the wizard renders the connection's fields
  const context = await browser.newContext({ baseURL });
  const customerPage = await context.newPage();
  const bodies = recordBodies(customerPage);
  await signIn(customerPage.request, user);
  await customerPage.goto("/marketplace");
  await customerPage.getByRole("link", { name: `Deploy ${name}` }).click();
  await customerPage.getByRole("button", { name: "Next" }).click();
  const field = customerPage.locator('[data-field="warehouse"]');
  await expect(field.getByLabel("Warehouse database: Password")).toHaveAttribute("type", "password");
  await expect(field.getByLabel("Warehouse database: Port")).toHaveAttribute("placeholder", "5432");
  await expect(field.getByLabel("Warehouse database: TLS")).toHaveValue("verify-full");
  await expect(field).toContainText("host name or address of the server");
  // nothing given, then a required field left out: refused by name before anything is sent
  await customerPage.getByRole("button", { name: "Next" }).click();
  await expect(field.getByRole("alert")).toHaveText("Warehouse database is required");
  await field.getByLabel("Warehouse database: Host").fill("127.0.0.1");
  await field.getByLabel("Warehouse database: Database").fill("postgres");
  await field.getByLabel("Warehouse database: Password").fill(PASSWORD);
  await field.getByLabel("Warehouse database: TLS").selectOption("disable");
  await customerPage.getByRole("button", { name: "Next" }).click();
  await expect(field.getByRole("alert")).toHaveText("user: User is required");
  await field.getByLabel("Warehouse database: User").fill("postgres");
  await screenshot(customerPage, "connector-designer-wizard");
  await customerPage.getByRole("button", { name: "Next" }).click();
  await expect(customerPage.locator('[data-review="warehouse"]')).toHaveText("•••••••• (new)");
  await customerPage.getByRole("button", { name: "Deploy" }).click();
  await expect(customerPage.getByRole("status")).toContainText("is deployed (version 1)");
  const url = (await customerPage
    .getByTestId(/^webhook-url-/)
    .first()
    .textContent())!.trim();

  // the run queries PostgreSQL with the customer's connection
  const answer = await request.post(url, { headers: { "x-junction-synchronous": "true" }, data: {} });
  expect(answer.status()).toBe(200);
  expect(JSON.stringify(await answer.json())).toContain('"answer":42');

  // the instance page shows the connection as set, never its fields
  await customerPage.getByRole("link", { name: "Open the instance" }).click();
  await expect(customerPage).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  await customerPage.waitForLoadState("networkidle");
  expect(bodies.length).toBeGreaterThan(5);
  expect(bodies.filter((b) => b.includes(PASSWORD))).toEqual([]);
  await context.close();
});

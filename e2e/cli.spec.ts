/**
 * The `junction` CLI against the real server Playwright starts (port 3210, fresh database): every
 * command runs as a child process, signed in through `junction login` with a config dir of its
 * own. No browser is needed.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { E2E_ADMIN } from "@/playwright.config";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "cli", "bin", "junction.mjs");
const FIXTURES = join(ROOT, "e2e", "fixtures");
const URL_ = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
const CONFIG_HOME = mkdtempSync(join(tmpdir(), "junction-cli-e2e-"));
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; the environment carries no JUNCTION_* of ours, only the temporary config dir. */
function junction(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
  const options = {
    cwd: ROOT,
    encoding: "utf8" as const,
    env: { ...base, XDG_CONFIG_HOME: CONFIG_HOME, ...env } as unknown as NodeJS.ProcessEnv,
  };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], options, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}

/** Runs a command that must succeed with `--output json` and returns what it printed. */
async function json<T = Record<string, unknown>>(args: string[], stdin?: string): Promise<T> {
  const run = await junction([...args, "--output", "json"], {}, stdin);
  expect(run.stderr, `junction ${args.join(" ")}`).toBe("");
  expect(run.code, `junction ${args.join(" ")}`).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** Imports the fixture under a name of this run, so reruns never clash on the unique name. */
function fixtureNamed(name: string): string {
  const path = join(CONFIG_HOME, `${name.replace(/\W+/g, "-")}.yml`);
  writeFileSync(path, readFileSync(join(FIXTURES, "cli-order-sync.yml"), "utf8").replace("name: CLI Order Sync", `name: ${name}`));
  return path;
}

const oneLine = (text: string) => expect(text.trim().split("\n")).toHaveLength(1);

/** A fixture (or any YAML file) copied under a name of this run. */
function yamlNamed(path: string, from: string, name: string): string {
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  const copy = join(CONFIG_HOME, `${name.replace(/\W+/g, "-")}.yml`);
  writeFileSync(copy, text.replace(from, `name: ${name}`));
  return copy;
}

/** A CLI process that keeps running (`logs:tail --instance`), its output collected as it comes. */
function startJunction(args: string[]): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("JUNCTION_")));
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, XDG_CONFIG_HOME: CONFIG_HOME } as unknown as NodeJS.ProcessEnv,
  });
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out, exited };
}

/** Imports, publishes and deploys the webhook echo integration; returns its ids and webhook URL. */
async function deployEcho(name: string, greeting: string) {
  const { id: integrationId } = await json<{ id: string }>([
    "integrations:import",
    "--path",
    yamlNamed(join(FIXTURES, "cli-webhook-echo.yml"), "name: CLI Webhook Echo", name),
  ]);
  await json(["integrations:publish", integrationId]);
  const customer = await json<{ id: string }>(["customers:create", "--name", `${name} customer`]);
  const instance = await json<{ id: string }>([
    "instances:create",
    "--integration",
    integrationId,
    "--customer",
    customer.id,
    "--config",
    `greeting=${greeting}`,
  ]);
  const [listed] = await json<Array<{ id: string; flows: Array<{ key: string; webhookUrl: string }> }>>([
    "instances:list",
    "--integration",
    integrationId,
    "--extended",
  ]);
  expect(listed!.id).toBe(instance.id);
  const webhookUrl = listed!.flows.find((f) => f.key === "echo")!.webhookUrl;
  expect(webhookUrl).toMatch(new RegExp(`^${URL_}/webhooks/[\\w-]+$`));
  return { integrationId, customerId: customer.id, instanceId: instance.id, webhookUrl };
}

/** Calls a webhook the way any HTTP client would; an asynchronous flow answers 202 with the execution id. */
async function callWebhook(url: string, body: unknown): Promise<string> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  const answer = (await res.json()) as { executionId: string };
  expect(answer.executionId).toMatch(/^[0-9a-f-]{36}$/);
  return answer.executionId;
}

test.beforeAll(async () => {
  // a password on the command line is refused (shell history, process list); stdin is how scripts give it
  const refused = await junction(["login", "--url", URL_, "--email", E2E_ADMIN.email, "--password", E2E_ADMIN.password]);
  expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining("--password is not accepted")]);
  const login = await junction(["login", "--url", URL_, "--email", E2E_ADMIN.email, "--password-stdin"], {}, `${E2E_ADMIN.password}\n`);
  expect(login.stderr).toBe("");
  expect(login.code).toBe(0);
});

test("login stores a token (0600), me shows the admin, tokens are created once and listed", async () => {
  const configFile = join(CONFIG_HOME, "junction", "config.json");
  expect(statSync(configFile).mode & 0o777).toBe(0o600);
  const stored = JSON.parse(readFileSync(configFile, "utf8"));
  expect(stored.url).toBe(URL_);
  expect(stored.token).toMatch(/^jct_/);

  const me = await json(["me"]);
  expect(me).toMatchObject({ email: E2E_ADMIN.email, role: "admin", via: "token", url: URL_ });
  expect(me.id).toBeTruthy();

  const name = `ci ${Date.now()}`;
  const token = await json<{ id: string; name: string; token: string }>(["tokens:create", "--name", name]);
  expect(token.name).toBe(name);
  expect(token.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(token.token).toMatch(/^jct_[A-Za-z0-9_-]{43}$/);

  // the new token works on its own, without the stored config
  const viaEnv = await junction(["me", "--output", "json"], {
    JUNCTION_URL: URL_,
    JUNCTION_TOKEN: token.token,
    XDG_CONFIG_HOME: join(CONFIG_HOME, "empty"),
  });
  expect(viaEnv.code).toBe(0);
  expect(JSON.parse(viaEnv.stdout).email).toBe(E2E_ADMIN.email);

  const tokens = await json<Array<{ id: string; name: string; status: string }>>(["tokens:list"]);
  expect(tokens.find((t) => t.id === token.id)).toMatchObject({ name, status: "active" });
  expect(tokens.some((t) => t.name.startsWith("cli@"))).toBe(true);
  // the token itself is never listed
  expect(JSON.stringify(tokens)).not.toContain(token.token);

  await json(["tokens:revoke", token.id]);
  const revoked = await junction(["me"], { JUNCTION_URL: URL_, JUNCTION_TOKEN: token.token, XDG_CONFIG_HOME: join(CONFIG_HOME, "empty") });
  expect(revoked.code).toBe(1);
  oneLine(revoked.stderr);
});

test("import, export, validate: a bad definition is refused with each problem and its line, and nothing is imported", async () => {
  const name = `CLI Import ${Date.now()}`;
  const imported = await junction(["integrations", "import", "--path", fixtureNamed(name)]);
  expect(imported.code).toBe(0);
  const id = imported.stdout.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  const list = await json<Array<{ id: string; name: string; labels: string[] }>>(["integrations:list", "--filter", `name=^${name}$`]);
  expect(list).toEqual([expect.objectContaining({ id, name, labels: ["cli", "e2e"] })]);
  const table = await junction(["integrations:list", "--columns", "id,name", "--filter", `name=^${name}$`]);
  expect(table.stdout).toMatch(new RegExp(`^ID\\s+NAME\\n${id}\\s+${name}\\n$`));

  // export → import --id round trip keeps the integration and its id
  const exported = await junction(["integrations:export", id]);
  expect(exported.code).toBe(0);
  expect(parseYaml(exported.stdout)).toMatchObject({ name, flows: [{ name: "Receive order" }, { name: "Sync orders" }] });
  const exportPath = join(CONFIG_HOME, "exported.yml");
  expect((await junction(["integrations:export", id, "--path", exportPath])).code).toBe(0);
  const again = await json<{ id: string; created: boolean }>(["integrations:import", "--path", exportPath, "--id", id]);
  expect(again).toMatchObject({ id, created: false });

  const offline = await junction(["integrations:validate", "--path", join(FIXTURES, "cli-invalid.yml")]);
  expect(offline.code).toBe(1);
  expect(offline.stderr).toContain('unknown reference "missingStep" (line 11)');

  const refused = await junction(["integrations:import", "--path", join(FIXTURES, "cli-invalid.yml")]);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe("");
  expect(refused.stderr).toContain("the definition has errors:");
  expect(refused.stderr).toContain('flows[0].steps[0].inputs.url.reference: unknown reference "missingStep" (line 11)');
  expect(refused.stderr).toMatch(/have the same key "fetch" \(line 12\)/);
  expect(refused.stderr).not.toMatch(/^\s+at /m);
  const after = await json<Array<{ name: string }>>(["integrations:list"]);
  expect(after.map((i) => i.name)).not.toContain("CLI Broken");
});

test("customers: create, list, add a user, delete needs --yes", async () => {
  const name = `Acme ${Date.now()}`;
  const customer = await json<{ id: string; name: string; externalId: string }>([
    "customers:create",
    "--name",
    name,
    "--external-id",
    `ext-${Date.now()}`,
  ]);
  expect(customer).toMatchObject({ name });
  const listed = await json<Array<{ id: string; instanceCount: number }>>(["customers:list", "--filter", `name=^${name}$`]);
  expect(listed).toEqual([expect.objectContaining({ id: customer.id, instanceCount: 0 })]);
  const csv = await junction(["customers:list", "--output", "csv", "--columns", "id,name", "--filter", `name=^${name}$`]);
  expect(csv.stdout).toBe(`id,name\n${customer.id},${name}\n`);

  const user = await json<{ id: string; role: string; customerId: string }>(
    ["customers:users:create", "--customer", customer.id, "--email", `user-${Date.now()}@acme.test`, "--name", "Ann", "--password-stdin"],
    "password-123\n",
  );
  expect(user).toMatchObject({ role: "customer", customerId: customer.id });

  const refused = await junction(["customers:delete", customer.id]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`deleting customer "${name}"`);
  expect(await json<Array<{ id: string }>>(["customers:list", "--filter", `name=^${name}$`])).toHaveLength(1);
  expect(await json(["customers:delete", customer.id, "--yes"])).toMatchObject({ id: customer.id });
  expect(await json<unknown[]>(["customers:list", "--filter", `name=^${name}$`])).toEqual([]);
});

test("publish, deploy with --config, list --extended with webhook URLs, config masks credentials", async () => {
  test.setTimeout(180_000);
  const name = `CLI Deploy ${Date.now()}`;
  const { id: integrationId } = await json<{ id: string }>(["integrations:import", "--path", fixtureNamed(name)]);
  const customer = await json<{ id: string }>(["customers:create", "--name", `Deploy Customer ${Date.now()}`]);

  // needs the built-in components (code, http) installed in the registry
  const published = await json<{ id: string; version: number; integrationId: string }>([
    "integrations:publish",
    integrationId,
    "--comment",
    "first version",
  ]);
  expect(published).toMatchObject({ version: 1, integrationId });
  const versions = await json<Array<{ version: number; note: string }>>(["integrations:versions", integrationId]);
  expect(versions).toEqual([expect.objectContaining({ version: 1, note: "first version" })]);

  const created = await json<{ id: string; version: number }>([
    "instances:create",
    "--integration",
    integrationId,
    "--customer",
    customer.id,
    "--config",
    "shopUrl=https://shop.example.test",
    "--config",
    "shopApiKey=s3cret-key",
    "--config",
    "syncSchedule=*/5 * * * *",
    "--config",
    "dryRun=true",
  ]);
  expect(created).toMatchObject({ version: 1 });

  const instances = await json<Array<{ id: string; flows: Array<{ key: string; name: string; webhookUrl: string; schedule: unknown }> }>>([
    "instances:list",
    "--integration",
    integrationId,
    "--extended",
  ]);
  expect(instances).toHaveLength(1);
  expect(instances[0]!.id).toBe(created.id);
  expect(instances[0]!.flows.map((f) => f.key).sort()).toEqual(["receiveOrder", "syncOrders"]);
  for (const flow of instances[0]!.flows) expect(flow.webhookUrl).toMatch(new RegExp(`^${URL_}/webhooks/[\\w-]+$`));
  expect(instances[0]!.flows.find((f) => f.key === "syncOrders")!.schedule).toEqual({ cron: "*/5 * * * *" });
  // without --extended the list has no flows
  const plain = await json<Array<Record<string, unknown>>>(["instances:list", "--integration", integrationId]);
  expect(plain[0]).not.toHaveProperty("flows");

  const config = await json<{ id: string; config: Record<string, unknown> }>(["instances:config", created.id]);
  expect(config).toMatchObject({
    id: created.id,
    config: { shopUrl: "https://shop.example.test", dryRun: true, syncSchedule: { cron: "*/5 * * * *" }, shopApiKey: { key: "********" } },
  });
  const configTable = await junction(["instances:config", created.id]);
  expect(configTable.stdout).not.toContain("s3cret-key");
  expect(configTable.stdout).toMatch(/shopApiKey\s+credential \(apiKey\)\s+\{"key":"\*\*\*\*\*\*\*\*"\}/);

  // a bad value is refused with the variable it is about
  const bad = await junction(["instances:update", created.id, "--config", "syncSchedule=not a cron"]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/syncSchedule: .*cron/);

  await json(["instances:update", created.id, "--config", "dryRun=false"]);
  expect((await json<{ config: Record<string, unknown> }>(["instances:config", created.id])).config.dryRun).toBe(false);
  await json(["instances:disable", created.id]);
  expect(await json<Array<{ id: string }>>(["instances:list", "--integration", integrationId, "--disabled"])).toHaveLength(1);
  await json(["instances:enable", created.id]);

  // deleting the integration without --yes names the instance that would go with it
  const refused = await junction(["integrations:delete", integrationId]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("would also delete 1 instance");
  expect(refused.stderr).toContain(created.id);
  expect(await json<unknown[]>(["instances:list", "--integration", integrationId])).toHaveLength(1);

  const deleted = await json<{ id: string; deletedInstances: unknown[] }>(["integrations:delete", integrationId, "--yes"]);
  expect(deleted).toMatchObject({ id: integrationId });
  expect(deleted.deletedInstances).toHaveLength(1);
});

test("errors: a wrong token says how to log in, an unknown id is not found, delete without --yes refuses", async () => {
  const wrong = await junction(["integrations:list"], { JUNCTION_TOKEN: "jct_wrong-token" });
  expect(wrong.code).toBe(1);
  oneLine(wrong.stderr);
  expect(wrong.stderr).toContain("the API token is invalid, expired or revoked");
  expect(wrong.stderr).toContain(`junction login --url ${URL_} --email`);
  expect(wrong.stderr).not.toMatch(/^\s+at /m);

  for (const args of [
    ["integrations:get", UNKNOWN_ID],
    ["instances:config", UNKNOWN_ID],
    ["customers:delete", UNKNOWN_ID, "--yes"],
    ["integrations:export", UNKNOWN_ID],
  ]) {
    const run = await junction(args);
    expect(run.code, args.join(" ")).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr, args.join(" ")).toMatch(/not found/);
  }

  const { id } = await json<{ id: string }>(["integrations:import", "--path", fixtureNamed(`CLI Keep ${Date.now()}`)]);
  const refused = await junction(["integrations:delete", id]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("would also delete 0 instances");
  expect(refused.stderr).toContain("--yes");
  expect((await json<{ id: string }>(["integrations:get", id])).id).toBe(id);
});

test("the contract's example: refused as written (two undefined steps), imported, published and deployed once corrected", async () => {
  test.setTimeout(180_000);
  // verbatim, as shared/design/integration-definition.md has it
  const refused = await junction([
    "integrations:import",
    "--path",
    join(ROOT, "runtime", "definition", "fixtures", "contract-example.yml"),
  ]);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe("");
  expect(refused.stderr).toContain("the definition has errors:");
  expect(refused.stderr).toContain(
    'flows[0].steps[5].inputs.stepResults.list[0].reference: unknown reference "incomingInvoice" (line 113)',
  );
  expect(refused.stderr).toContain(
    'flows[0].steps[5].inputs.stepResults.list[1].reference: unknown reference "outgoingInvoice" (line 113)',
  );
  expect(refused.stderr.trim().split("\n")).toHaveLength(3);

  const name = `Contract Order Sync ${Date.now()}`;
  const corrected = yamlNamed(join(FIXTURES, "cli-contract-example.yml"), "name: Order Sync", name);
  const { id: integrationId } = await json<{ id: string }>(["integrations:import", "--path", corrected]);

  expect(await json(["integrations:publish", integrationId, "--comment", "the contract's example"])).toMatchObject({ version: 1 });
  const customer = await json<{ id: string }>(["customers:create", "--name", `Contract Customer ${Date.now()}`]);
  const created = await json<{ id: string }>([
    "instances:create",
    "--integration",
    integrationId,
    "--customer",
    customer.id,
    "--config",
    "shopUrl=https://shop.example.test/api",
    "--config",
    "shopApiKey=contract-key",
    "--config",
    "fileStore=azure",
    "--config",
    'reportTemplate={"title":"orders"}',
    "--config",
    "syncSchedule=*/5 * * * *",
  ]);
  const instances = await json<Array<{ id: string; flows: Array<{ key: string; webhookUrl: string; schedule: unknown }> }>>([
    "instances:list",
    "--customer",
    customer.id,
    "--extended",
  ]);
  expect(instances.map((i) => i.id)).toEqual([created.id]);
  expect(instances[0]!.flows).toEqual([expect.objectContaining({ key: "syncOrders", schedule: { cron: "*/5 * * * *" } })]);
  expect(instances[0]!.flows[0]!.webhookUrl).toMatch(new RegExp(`^${URL_}/webhooks/[\\w-]+$`));
  const config = await json<{ config: Record<string, unknown> }>(["instances:config", created.id]);
  expect(config.config).toMatchObject({
    shopUrl: "https://shop.example.test/api",
    fileStore: "azure",
    reportTemplate: '{"title":"orders"}',
    shopApiKey: { key: "********" },
  });
});

test("a webhook run read back through the CLI: executions:list/get/result, logs:tail, replay", async () => {
  test.setTimeout(180_000);
  const { instanceId, webhookUrl } = await deployEcho(`CLI Echo ${Date.now()}`, "Hello");
  const executionId = await callWebhook(webhookUrl, { name: "Ann", order: 42 });

  // follows the run from its first line and stops when it has finished
  const tail = await junction(["logs:tail", "--execution", executionId]);
  expect(tail.stderr).toBe("");
  expect(tail.code).toBe(0);
  expect(tail.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z info {2}\[greet\] greeting Ann$/m);

  const listed = await json<Array<{ id: string; status: string; flow: string; instanceId: string }>>([
    "executions:list",
    "--instance",
    instanceId,
  ]);
  expect(listed).toEqual([expect.objectContaining({ id: executionId, status: "succeeded", flow: "echo", instanceId })]);
  const table = await junction(["executions:list", "--instance", instanceId, "--since", "1h", "--columns", "id,status,flow"]);
  expect(table.stdout).toMatch(new RegExp(`^ID\\s+STATUS\\s+FLOW\\n${executionId}\\s+succeeded\\s+echo\\n$`));
  expect(await json<unknown[]>(["executions:list", "--instance", instanceId, "--status", "failed"])).toEqual([]);

  const text = await junction(["executions:get", executionId]);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`Execution ${executionId}\n`);
  expect(text.stdout).toMatch(/ {2}status +succeeded\n/);
  expect(text.stdout).toMatch(/Steps \(1\):\n {2}STEP +STATUS.*\n {2}greet +succeeded /);
  expect(text.stdout).toMatch(/Logs \(1\):\n {2}\S+ info {2}\[greet\] greeting Ann\n/);
  const full = await json<{
    id: string;
    status: string;
    instanceId: string;
    trigger: { body: unknown };
    steps: Array<{ stepKey: string; result: unknown }>;
    logs: Array<{ message: string }>;
  }>(["executions:get", executionId]);
  expect(full).toMatchObject({ id: executionId, status: "succeeded", instanceId, trigger: { body: { name: "Ann", order: 42 } } });
  expect(full.steps).toEqual([expect.objectContaining({ stepKey: "greet", result: { greeting: "Hello, Ann!", order: 42 } })]);
  expect(full.logs.map((l) => l.message)).toEqual(["greeting Ann"]);

  // the body, as a synchronous call would have answered it
  const result = await junction(["executions:result", executionId]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ greeting: "Hello, Ann!", order: 42 });
  const resultJson = await json<{ status: number; headers: Record<string, string>; body: string }>(["executions:result", executionId]);
  expect(resultJson).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
  expect(JSON.parse(resultJson.body)).toEqual({ greeting: "Hello, Ann!", order: 42 });
  const bodyPath = join(CONFIG_HOME, "result.json");
  const written = await junction(["executions:result", executionId, "--path", bodyPath]);
  expect(written.code).toBe(0);
  expect(written.stdout).toBe("");
  expect(JSON.parse(readFileSync(bodyPath, "utf8"))).toEqual({ greeting: "Hello, Ann!", order: 42 });

  // a replay is a new run of the same trigger
  const replay = await junction(["executions:replay", executionId, "--wait"]);
  expect(replay.stderr).toBe("");
  expect(replay.code).toBe(0);
  const replayId = replay.stdout.trim();
  expect(replayId).toMatch(/^[0-9a-f-]{36}$/);
  expect(replayId).not.toBe(executionId);
  expect(await json(["executions:get", replayId])).toMatchObject({ status: "succeeded", source: "replay", replayOf: executionId });

  // a run that fails: tail and replay --wait exit 1 and say why
  const failedId = await callWebhook(webhookUrl, { name: "Bob", fail: true });
  const failedTail = await junction(["logs:tail", "--execution", failedId]);
  expect(failedTail.code).toBe(1);
  expect(failedTail.stdout).toContain("[greet] greeting Bob");
  expect(failedTail.stderr).toContain(`execution ${failedId} failed: `);
  expect(failedTail.stderr).toContain("refusing Bob");
  expect((await json<Array<{ id: string }>>(["executions:list", "--instance", instanceId, "--status", "failed"])).map((e) => e.id)).toEqual(
    [failedId],
  );
  const failedResult = await json<{ status: number; body: string }>(["executions:result", failedId]);
  expect(failedResult.status).toBe(500);
  const failedReplay = await junction(["executions:replay", failedId, "--wait"]);
  expect(failedReplay.code).toBe(1);
  expect(failedReplay.stderr).toMatch(/failed: .*refusing Bob/);

  for (const args of [
    ["executions:get", UNKNOWN_ID],
    ["executions:result", UNKNOWN_ID],
    ["logs:tail", "--execution", UNKNOWN_ID],
    ["executions:get", "nope"],
  ]) {
    const run = await junction(args);
    expect(run.code, args.join(" ")).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr, args.join(" ")).toMatch(/not found/);
  }
});

test("logs:tail --instance prints the lines of new runs as they come, until Ctrl-C", async () => {
  test.setTimeout(120_000);
  const { instanceId, webhookUrl } = await deployEcho(`CLI Tail ${Date.now()}`, "Hi");
  // a run from before the tail started is history: not printed
  const before = await callWebhook(webhookUrl, { name: "Earlier" });
  expect((await junction(["logs:tail", "--execution", before])).code).toBe(0);

  const tail = startJunction(["logs:tail", "--instance", instanceId]);
  try {
    await expect.poll(() => tail.out.stderr, { timeout: 30_000 }).toContain(`Tailing instance ${instanceId}`);
    await callWebhook(webhookUrl, { name: "Carol" });
    await callWebhook(webhookUrl, { name: "Dave" });
    await expect.poll(() => tail.out.stdout, { timeout: 30_000 }).toMatch(/info {2}\[greet\] greeting Dave\n/);
    expect(tail.out.stdout).toMatch(/^\S+ info {2}\[greet\] greeting Carol\n/m);
    expect(tail.out.stdout).not.toContain("Earlier");
  } finally {
    tail.child.kill("SIGINT");
  }
  expect(await tail.exited).toBe(0);
});

test("integrations:test: saves the test config, runs the draft and with --tail prints its logs, steps and result", async () => {
  test.setTimeout(120_000);
  const name = `CLI Test Run ${Date.now()}`;
  const { id: integrationId } = await json<{ id: string }>([
    "integrations:import",
    "--path",
    yamlNamed(join(FIXTURES, "cli-webhook-echo.yml"), "name: CLI Webhook Echo", name),
  ]);
  const payload = join(CONFIG_HOME, "payload.json");
  writeFileSync(payload, JSON.stringify({ name: "Tess", order: 7 }));

  const run = await junction([
    "integrations:test",
    integrationId,
    "--flow",
    "Echo",
    "--payload",
    payload,
    "--config",
    "greeting=Howdy",
    "--tail",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^Test run [0-9a-f-]{36} of flow "Echo"$/);
  expect(run.stdout).toMatch(/ info {2}\[greet\] greeting Tess\n/);
  const stepLine = /^\S+ step {2}greet succeeded \d+ ms → (.*)$/m.exec(run.stdout);
  expect(JSON.parse(stepLine![1]!)).toEqual({ greeting: "Howdy, Tess!", order: 7 });
  expect(run.stdout.indexOf("greeting Tess"), run.stdout).toBeLessThan(run.stdout.indexOf("step  greet"));
  expect(run.stdout).toMatch(/\nsucceeded in \d+ ms; result:\n/);
  expect(JSON.parse(lines[lines.length - 1]!)).toEqual({ greeting: "Howdy, Tess!", order: 7 });
  const testRunId = /^Test run (\S+)/.exec(lines[0]!)![1]!;

  // the saved test config is used again; without --tail the id is printed at once
  const started = await junction(["integrations:test", integrationId, "--payload", payload]);
  expect(started.code).toBe(0);
  const secondId = started.stdout.trim();
  expect(secondId).toMatch(/^[0-9a-f-]{36}$/);
  const secondResult = await junction(["executions:result", secondId, "--wait"]);
  expect(secondResult.code).toBe(0);
  expect(JSON.parse(secondResult.stdout)).toEqual({ greeting: "Howdy, Tess!", order: 7 });
  const tests = await json<Array<{ id: string; isTest: boolean }>>(["executions:list", "--integration", integrationId, "--test"]);
  expect(tests.map((e) => e.id).sort()).toEqual([testRunId, secondId].sort());

  // a failing run: exit code 1, the error on stderr, the logs still shown
  writeFileSync(payload, JSON.stringify({ name: "Fay", fail: true }));
  const failed = await junction(["integrations:test", integrationId, "--payload", payload, "--tail"]);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toContain("[greet] greeting Fay");
  expect(failed.stdout).toMatch(/step {2}greet failed \d+ ms: .*refusing Fay/);
  expect(failed.stderr).toMatch(/^execution \S+ failed: .*refusing Fay/);

  const noFlow = await junction(["integrations:test", integrationId, "--flow", "Nope"]);
  expect(noFlow.code).toBe(1);
  oneLine(noFlow.stderr);
  expect(noFlow.stderr).toContain('no flow named "Nope"');
});

test("components: install a folder and a .tgz, list, usage, remove needs --yes and is refused while in use", async () => {
  test.setTimeout(120_000);
  const name = `cli-e2e-${Date.now()}`;
  const dir = join(CONFIG_HOME, name);
  expect((await junction(["components:init", name, "--dir", dir])).code).toBe(0);
  const key = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()); // the scaffold's key: lowerCamelCase of the name

  // a folder is packed with tar and uploaded
  const installed = await junction(["components:install", dir]);
  expect(installed.stderr).toBe("");
  expect(installed.code).toBe(0);
  expect(installed.stdout).toBe(`${key}@1.0.0\n`);
  const again = await junction(["components:install", dir]);
  expect(again.code).toBe(1);
  oneLine(again.stderr);
  expect(again.stderr).toContain("1.0.0");

  // a .tgz as it is
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ ...pkg, version: "1.1.0" }, null, 2));
  const tgz = join(CONFIG_HOME, `${name}.tgz`);
  await new Promise<void>((resolve, reject) => execFile("tar", ["czf", tgz, "-C", dir, "."], (err) => (err ? reject(err) : resolve())));
  expect(await json(["components:install", tgz])).toMatchObject({ key, version: "1.1.0" });

  const listed = await json<Array<{ key: string; builtIn: boolean; versions: Array<{ version: string }> }>>(["components:list"]);
  expect(listed.find((c) => c.key === key)).toMatchObject({ builtIn: false, versions: [{ version: "1.1.0" }, { version: "1.0.0" }] });
  const table = await junction(["components:list", "--filter", `key=^${key}$`, "--columns", "key,version,versions,builtIn"]);
  expect(table.stdout).toMatch(
    new RegExp(`^KEY\\s+LATEST\\s+VERSIONS\\s+BUILT-IN\\n${key}\\s+1\\.1\\.0\\s+1\\.1\\.0, 1\\.0\\.0\\s+false\\n$`),
  );
  expect(await json<unknown[]>(["components:usage", key, "1.0.0"])).toEqual([]);

  const refused = await junction(["components:remove", key, "1.0.0"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`this would remove ${key}@1.0.0`);
  expect(refused.stderr).toContain("--yes");
  expect(await json(["components:remove", key, "1.0.0", "--yes"])).toEqual({ key, version: "1.0.0" });
  const removedLast = await junction(["components:remove", key, "1.1.0", "--yes"]);
  expect(removedLast.stdout).toBe(`Removed ${key}@1.1.0\n`);
  expect((await json<Array<{ key: string }>>(["components:list"])).map((c) => c.key)).not.toContain(key);
  const gone = await junction(["components:remove", key, "1.1.0"]);
  expect(gone.code).toBe(1);
  expect(gone.stderr).toContain(`not found: ${key}@1.1.0 is not installed`);

  // a version deployed instances use: usage lists them and removal names them
  const { instanceId } = await deployEcho(`CLI Usage ${Date.now()}`, "Hey");
  const codeVersion = (await json<Array<{ key: string; versions: Array<{ version: string }> }>>(["components:list"])).find(
    (c) => c.key === "code",
  )!.versions[0]!.version;
  const usage = await json<Array<{ instanceId: string }>>(["components:usage", "code", codeVersion]);
  expect(usage.map((u) => u.instanceId)).toContain(instanceId);
  const inUse = await junction(["components:remove", "code", codeVersion]);
  expect(inUse.code).toBe(1);
  expect(inUse.stderr).toContain(`code@${codeVersion} is used by`);
  expect(inUse.stderr).toContain(instanceId);
  const forced = await junction(["components:remove", "code", codeVersion, "--yes"]);
  expect(forced.code).toBe(1);
  oneLine(forced.stderr);
});

test.afterAll(async () => {
  // logout revokes the CLI's token on the server and removes the file
  const out = await junction(["logout", "--output", "json"]);
  expect(JSON.parse(out.stdout)).toMatchObject({ loggedOut: true, tokenRevoked: true });
});

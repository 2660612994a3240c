/**
 * The whole path with the real parts: webhook → queue → worker → executor → built-in components
 * in isolated-vm (HTTP against a local server, a code step, Persist Data) → synchronous answer.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSandboxRunner, type SandboxRunner } from "@/components-registry/sandbox/sandbox-runner";
import { createDbBundleLoader } from "@/components-registry/store/db-bundle-loader";
import { installBuiltins } from "@/components-registry/store/install-builtins";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { waitFor } from "@/test/wait-for";
import { startBoss } from "./queue/boss";
import { startRuntime, type Runtime } from "./runtime";

let t: TestDatabase;
let boss: PgBoss;
let runner: SandboxRunner;
let runtime: Runtime;
let server: http.Server;
let api: http.Server;
let base: string;
let apiUrl: string;

const listen = async (s: http.Server) => {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  t = await createTestDatabase();
  await installBuiltins(t.db);
  boss = await startBoss(t.url, { supervise: false });
  runner = createSandboxRunner({
    loadBundle: createDbBundleLoader(t.db),
    network: { allowPrivateNetwork: true },
    limits: { timeoutMs: 3000 },
  });
  runtime = await startRuntime({ url: t.url, pool: t.pool, boss, runner, worker: true, scheduler: false });
  server = http.createServer((req, res) => void runtime.webhookHandler(req, res));
  base = await listen(server);
  api = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify([
        { name: "Bob Smith", email: "bob@example.com" },
        { name: "Sally Smith", email: "sally@example.com" },
      ]),
    );
  });
  apiUrl = await listen(api);
});

afterAll(async () => {
  server?.close();
  api?.close();
  await runtime?.stop();
  await runner?.close();
  await boss?.stop({ graceful: false, wait: true });
  await t?.drop();
});

const yaml = () => `definitionVersion: 1
name: Users sync
configPages:
  - name: Settings
    elements:
      - configVar: { key: apiUrl, label: API, type: string, required: true }
flows:
  - name: Sync users
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Fetch users
        action: http.get
        inputs:
          url: { template: "{{configVars.apiUrl}}/users" }
      - name: Loop over users
        action: loop.loopOverItems
        inputs:
          items: { reference: fetchUsers.results }
        steps:
          - name: Process user
            action: code.runCode
            inputs:
              code:
                value: |
                  module.exports = async ({ logger }, { loopOverUsers: { currentItem, index } }) => {
                    logger.info(\`User #\${index + 1}: \${currentItem.name} - \${currentItem.email}\`);
                    return { data: \`Processed \${currentItem.name}\` };
                  };
      - name: Remember
        action: persistData.saveValue
        inputs:
          key: { value: lastRun }
          value: { reference: loopOverUsers.results }
      - name: Loop forever
        action: code.runCode
        inputs:
          code:
            value: |
              module.exports = async (context, stepResults) => {
                if (stepResults.trigger.results.body && stepResults.trigger.results.body.hang) { while (true) {} }
                return { data: stepResults.remember.results };
              };
`;

test("a synchronous webhook runs HTTP, a loop of code steps and Persist Data in the sandbox and answers with the result", async () => {
  const { tokens, instance } = await deploy(t.db, yaml(), { apiUrl });
  const res = await fetch(`${base}/webhooks/${tokens.syncUsers}`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(["Processed Bob Smith", "Processed Sally Smith"]);
  const saved = await t.pool.query("select value from persisted_data where owner_id = $1 and key = 'lastRun'", [instance.id]);
  expect(saved.rows[0].value).toEqual(["Processed Bob Smith", "Processed Sally Smith"]);
  const logs = await t.pool.query(
    "select message from execution_logs l join executions e on e.id = l.execution_id where e.instance_id = $1 order by l.id",
    [instance.id],
  );
  expect(logs.rows.map((r) => r.message)).toEqual([
    expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/users → 200/),
    "User #1: Bob Smith - bob@example.com",
    "User #2: Sally Smith - sally@example.com",
  ]);
});

test("a synchronous call whose flow loops forever: the action timeout ends it and the caller gets the failure", async () => {
  const { tokens } = await deploy(t.db, yaml().replace("name: Users sync", "name: Users sync hang"), { apiUrl });
  const res = await fetch(`${base}/webhooks/${tokens.syncUsers}`, {
    method: "POST",
    body: '{"hang":true}',
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(500);
  const body = (await res.json()) as { error: string; step: string };
  expect(body.step).toBe("loopForever");
  expect(body.error).toMatch(/time|limit/i);
});

/** six quick Persist Data steps, then a code step that waits on `heldUrl` */
const stateYaml = (heldUrl: string) => `definitionVersion: 1
name: State within a run
flows:
  - name: Count
    trigger: { type: webhook }
    execution: { synchronous: true }
    steps:
      - name: Save
        action: persistData.saveValue
        inputs:
          key: { value: counter }
          value: { reference: trigger.results.body.n }
      - name: Read back
        action: persistData.getValue
        inputs:
          key: { value: counter }
      - name: Append one
        action: persistData.appendToList
        inputs:
          key: { value: seen }
          value: { reference: readBack.results }
      - name: Append two
        action: persistData.appendToList
        inputs:
          key: { value: seen }
          value: { value: "again" }
      - name: Forget
        action: persistData.removeValue
        inputs:
          key: { value: gone }
      - name: Read gone
        action: persistData.getValue
        inputs:
          key: { value: gone }
      - name: Take a while
        action: code.runCode
        inputs:
          code: { value: "module.exports = async (c, s) => { await fetch('${heldUrl}'); return { data: [s.appendTwo.results, s.readGone.results] }; };" }
`;

test("a long synchronous run: its row (running), step results and Persist Data writes reach the database while it goes on; it reads its own writes at once", async () => {
  // the last step waits on this server until the test has looked at the database
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const held = http.createServer((_req, res) => void released.then(() => res.end("{}")));
  const heldUrl = await listen(held);
  const { tokens, instance } = await deploy(t.db, stateYaml(heldUrl));
  await t.pool.query(
    "insert into persisted_data (owner_id, flow_key, key, value) values ($1, 'count', 'gone', '\"old\"'), ($1, 'count', 'seen', '[0]')",
    [instance.id],
  );
  let settled = false;
  const call = fetch(`${base}/webhooks/${tokens.count}`, {
    method: "POST",
    body: '{"n":7}',
    headers: { "content-type": "application/json" },
  }).finally(() => (settled = true));
  const stored = async () =>
    Object.fromEntries(
      (await t.pool.query("select key, value from persisted_data where owner_id = $1", [instance.id])).rows.map((r) => [r.key, r.value]),
    );
  const running = async () =>
    (
      await t.pool.query(
        "select e.status, a.status as attempt, (select count(*)::int from step_results s where s.execution_id = e.id) as steps from executions e join execution_attempts a on a.execution_id = e.id where e.instance_id = $1",
        [instance.id],
      )
    ).rows;
  // the row of a run started without a statement goes with its first batch; the six quick steps
  // may take more than one batch on a slow machine, so wait for the sixth
  await waitFor(async () => (await running())[0]?.steps === 6, { what: "the six steps before the long one in the database" });
  expect(settled).toBe(false);
  expect(await running()).toEqual([{ status: "running", attempt: "running", steps: 6 }]);
  // Persist Data writes go with the batches of step results, not held until the run ends
  expect(await stored()).toEqual({ counter: 7, seen: [0, 7, "again"] });
  release();
  const res = await call;
  held.close();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual([[0, 7, "again"], null]);
});

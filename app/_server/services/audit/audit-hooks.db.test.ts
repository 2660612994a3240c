/**
 * What runs is audited through the real routers: publishing, deploying, changing an instance's
 * configuration (variables by name, never values), disabling, deleting instances and integrations.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { testServices } from "@/test/fixtures/services";
import type { Principal } from "../../auth/principal";
import { appRouter } from "../../routers";
import { createCallerFactory } from "../../trpc";
import { importIntegration } from "../integrations/import-integration";
import { createFirstAdmin } from "../users/create-first-admin";

const yaml = `definitionVersion: 1
name: Audited Orders
configPages:
  - name: Main
    elements:
      - configVar: { key: greeting, label: Greeting, type: string, required: true }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

let t: TestDatabase;
const callerFor = (p: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(t), db: t.db, principal: p, headers: new Headers() });
let admin: ReturnType<typeof callerFor>;
let principal: Principal;

beforeAll(async () => {
  t = await createTestDatabase();
  const user = await createFirstAdmin(t.db, { email: "ops@audit.test", name: "Ops", password: "ops-pass-123" });
  principal = { userId: user.id, email: user.email, name: user.name, role: "admin", customerId: null, via: "session" };
  admin = callerFor(principal);
});
afterAll(async () => {
  await t?.drop();
});

const entriesFor = async (targetId: string) =>
  (await admin.audit.list({ pageSize: 500 })).entries.filter((e) => e.targetId === targetId).reverse();

test("publish, deploy, reconfigure, disable and delete are each recorded with who did it", async () => {
  const { id: integrationId } = await importIntegration(t.db, { yaml, userId: principal.userId });
  await admin.integrations.publish({ id: integrationId, note: "first" });
  const customer = await admin.customers.create({ name: "Audited Customer" });
  const { id } = await admin.instances.create({ integrationId, customerId: customer!.id, configValues: { greeting: "hi there" } });
  await admin.instances.update({ id, configValues: { greeting: "a secret greeting" } });
  await admin.instances.update({ id, enabled: false });
  await admin.instances.delete({ id });
  await admin.integrations.delete({ id: integrationId });

  expect((await entriesFor(id)).map((e) => [e.action, e.actorEmail])).toEqual([
    ["instance.deployed", "ops@audit.test"],
    ["instance.config_changed", "ops@audit.test"],
    ["instance.updated", "ops@audit.test"],
    ["instance.deleted", "ops@audit.test"],
  ]);
  const [deployed, configured, disabled] = await entriesFor(id);
  expect(deployed!.detail).toMatchObject({ version: 1, configVariables: ["greeting"] });
  expect(configured!.detail).toEqual({ configVariables: ["greeting"] });
  expect(disabled!.detail).toEqual({ enabled: false });
  expect((await entriesFor(integrationId)).map((e) => e.action)).toEqual(["integration.published", "integration.deleted"]);
  expect((await entriesFor(integrationId))[0]).toMatchObject({ targetName: "Audited Orders", detail: { version: 1, note: "first" } });
  expect(JSON.stringify(await admin.audit.list({ pageSize: 500 }))).not.toMatch(/hi there|a secret greeting/);
});

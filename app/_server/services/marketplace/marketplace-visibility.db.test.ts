/**
 * Marketplace visibility through the tRPC caller, as a customer's user and as the organization:
 * what a customer may list, read and deploy, and that an attempt on the rest tells it nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ZodError } from "zod";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { describeInputError } from "@/app/_server/error-messages";
import { createCallerFactory } from "@/app/_server/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { testServices } from "@/test/fixtures/services";
import { loadComponentCatalog } from "../components/component-catalog";
import { importIntegration } from "../integrations/import-integration";
import { publishIntegration } from "../integrations/publish-integration";

const yaml = (name: string) => `definitionVersion: 1
name: ${name}
description: ${name} for the marketplace
labels: [erp, sync]
configPages:
  - name: Main
    elements:
      - configVar: { key: greeting, label: Greeting, type: string, required: true }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

const PNG = "data:image/png;base64," + Buffer.from("\x89PNG\r\n\x1a\n0000IHDR", "latin1").toString("base64");
const UNKNOWN = "00000000-0000-4000-8000-00000000dead";

let t: TestDatabase;
const callerFor = (principal: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(t), db: t.db, principal, headers: new Headers() });
const user = (role: Principal["role"], customerId: string | null): Principal => ({
  userId: "00000000-0000-4000-8000-000000000001",
  email: "user@example.test",
  name: "User",
  role,
  customerId,
  via: "session",
});
const admin = () => callerFor(user("admin", null));

let open: Awaited<ReturnType<typeof deploy>>; // visible to all; its customer is "mine"
let hiddenId: string;
let chosenId: string;
let other: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  open = await deploy(t.db, yaml("Open Sync"), { greeting: "hi" }, "Mine");
  other = await admin().customers.create({ name: "Other" });
  const publish = async (name: string) => {
    const { id } = await importIntegration(t.db, { yaml: yaml(name), userId: null });
    await publishIntegration(t.db, await loadComponentCatalog(t.db), { id, userId: null });
    return id;
  };
  hiddenId = await publish("Hidden Sync");
  chosenId = await publish("Chosen Sync");
  await admin().integrations.setMarketplace({ id: hiddenId, visibility: "hidden", icon: PNG });
  await admin().integrations.setMarketplace({ id: chosenId, visibility: "customers", customerIds: [open.customerId] });
});
afterAll(() => t.drop());

describe("a hidden integration", () => {
  test("is absent from the customer's marketplace, with icon, labels and description on what is there", async () => {
    const me = callerFor(user("customer", other.id));
    const list = await me.marketplace.list();
    expect(list.map((i) => i.name)).toEqual(["Open Sync"]);
    expect(list[0]).toMatchObject({ description: "Open Sync for the marketplace", labels: ["erp", "sync"], icon: null });
    // how visibility was decided is the organization's business
    expect(list[0]).not.toHaveProperty("visibility");
  });

  test("published answers NOT_FOUND, the very answer an unknown id gets", async () => {
    const me = callerFor(user("customer", other.id));
    const hidden = await me.marketplace.published({ id: hiddenId }).catch((e: unknown) => e);
    const unknown = await me.marketplace.published({ id: UNKNOWN }).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: "NOT_FOUND" });
    expect((hidden as Error).message).toBe((unknown as Error).message);
    await expect(me.marketplace.published({ id: hiddenId, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("cannot be deployed by a customer user (FORBIDDEN), nor can an unknown id tell it apart", async () => {
    const me = callerFor(user("customer", other.id));
    const create = (integrationId: string) =>
      me.instances.create({ integrationId, customerId: other.id, configValues: { greeting: "x" } }).catch((e: unknown) => e);
    const hidden = await create(hiddenId);
    expect(hidden).toMatchObject({ code: "FORBIDDEN", message: "this integration is not available to your customer" });
    expect(await create(UNKNOWN)).toMatchObject({ code: "FORBIDDEN", message: (hidden as Error).message });
    expect(await me.instances.list()).toEqual([]);
  });

  test("the organization still sees it, with its visibility and icon, and may deploy it for any customer", async () => {
    const list = await admin().marketplace.list();
    expect(list.map((i) => [i.name, i.visibility])).toEqual([
      ["Chosen Sync", "customers"],
      ["Hidden Sync", "hidden"],
      ["Open Sync", "all"],
    ]);
    expect(list.find((i) => i.id === hiddenId)!.icon).toBe(PNG);
    const created = await admin().instances.create({ integrationId: hiddenId, customerId: other.id, configValues: { greeting: "org" } });
    const me = callerFor(user("customer", other.id));
    // an instance deployed for it: it keeps running, and its customer reads the definition it runs
    expect((await me.instances.get({ id: created.id })).integration.id).toBe(hiddenId);
    expect((await me.marketplace.published({ id: hiddenId })).version).toBe(1);
    // …but the marketplace still does not offer it, nor can the customer deploy it again
    expect((await me.marketplace.list()).map((i) => i.name)).toEqual(["Open Sync"]);
    await expect(
      me.instances.create({ integrationId: hiddenId, customerId: other.id, configValues: { greeting: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin().instances.delete({ id: created.id });
  });
});

describe("visible to chosen customers", () => {
  test("the chosen customer lists, reads and deploys it", async () => {
    const me = callerFor(user("customer", open.customerId));
    expect((await me.marketplace.list()).map((i) => i.name)).toEqual(["Chosen Sync", "Open Sync"]);
    expect((await me.marketplace.published({ id: chosenId })).definition.name).toBe("Chosen Sync");
    const created = await me.instances.create({ integrationId: chosenId, customerId: open.customerId, configValues: { greeting: "yes" } });
    expect(created.version).toBe(1);
  });

  test("another customer neither sees nor deploys it", async () => {
    const them = callerFor(user("customer", other.id));
    expect((await them.marketplace.list()).map((i) => i.id)).not.toContain(chosenId);
    await expect(them.marketplace.published({ id: chosenId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      them.instances.create({ integrationId: chosenId, customerId: other.id, configValues: { greeting: "x" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  test("a customer user cannot deploy for another customer what that one may see", async () => {
    const them = callerFor(user("customer", other.id));
    await expect(
      them.instances.create({ integrationId: chosenId, customerId: open.customerId, configValues: { greeting: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "this belongs to another customer" });
  });

  test("hiding it later keeps the deployed instance running and reconfigurable", async () => {
    const me = callerFor(user("customer", open.customerId));
    const [instance] = await me.instances.list({ integrationId: chosenId });
    await admin().integrations.setMarketplace({ id: chosenId, visibility: "hidden" });
    const updated = await me.instances.update({ id: instance!.id, configValues: { greeting: "still here" } });
    expect(updated.id).toBe(instance!.id);
    expect((await me.instances.get({ id: instance!.id })).enabled).toBe(true);
    expect((await me.marketplace.list()).map((i) => i.name)).toEqual(["Open Sync"]);
    // the list of chosen customers is kept for when it is shown to them again
    expect(await admin().integrations.marketplace({ id: chosenId })).toEqual({
      visibility: "hidden",
      customerIds: [open.customerId],
      icon: null,
    });
    await admin().integrations.setMarketplace({ id: chosenId, visibility: "customers" });
  });
});

describe("roles", () => {
  test("a read-only customer user sees the marketplace but cannot deploy", async () => {
    const viewer = callerFor(user("customer_viewer", open.customerId));
    expect((await viewer.marketplace.list()).map((i) => i.name)).toEqual(["Chosen Sync", "Open Sync"]);
    await expect(
      viewer.instances.create({ integrationId: open.integrationId, customerId: open.customerId, configValues: { greeting: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.instances.update({ id: open.instance.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("customers and support cannot change visibility; customers cannot read it", async () => {
    const me = callerFor(user("customer", other.id));
    await expect(me.integrations.setMarketplace({ id: hiddenId, visibility: "all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.integrations.marketplace({ id: hiddenId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const support = callerFor(user("support", null));
    await expect(support.integrations.setMarketplace({ id: hiddenId, visibility: "all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await support.integrations.marketplace({ id: hiddenId })).visibility).toBe("hidden");
  });
});

describe("setMarketplace checks what it is given", () => {
  const refused = async (input: Parameters<ReturnType<typeof admin>["integrations"]["setMarketplace"]>[0]) =>
    (await admin()
      .integrations.setMarketplace(input)
      .then(
        () => null,
        // what the client reads: the error formatter's sentence per zod issue
        (e: Error) => (e.cause instanceof ZodError ? describeInputError(e.cause) : e.message),
      ))!;

  test("an icon: a small image as a data: URL, or an https URL", async () => {
    const svg = "data:image/svg+xml;base64," + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64");
    expect((await admin().integrations.setMarketplace({ id: open.integrationId, icon: svg })).icon).toBe(svg);
    expect((await admin().integrations.setMarketplace({ id: open.integrationId, icon: "https://cdn.example.test/i.png" })).icon).toBe(
      "https://cdn.example.test/i.png",
    );
    expect((await admin().integrations.setMarketplace({ id: open.integrationId, icon: null })).icon).toBeNull();

    expect(await refused({ id: open.integrationId, icon: "http://cdn.example.test/i.png" })).toMatch(/^Icon: give a base64 data: URL/);
    expect(await refused({ id: open.integrationId, icon: "javascript:alert(1)" })).toMatch(/^Icon: /);
    expect(await refused({ id: open.integrationId, icon: "data:text/html;base64,PHNjcmlwdD4=" })).toMatch(/^Icon: give a base64 data: URL/);
    const notPng = "data:image/png;base64," + Buffer.from("<svg/>").toString("base64");
    expect(await refused({ id: open.integrationId, icon: notPng })).toBe("Icon: the data is not PNG image data.");
    const big =
      "data:image/png;base64," + Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(70_000)]).toString("base64");
    expect(await refused({ id: open.integrationId, icon: big })).toMatch(/^Icon: /);
  });

  test("visibility and customer ids", async () => {
    expect(await refused({ id: open.integrationId, visibility: "everyone" as "all" })).toMatch(/^Choose a visibility: one of /);
    expect(await refused({ id: open.integrationId, customerIds: [UNKNOWN] })).toBe(`customerIds: no customer has the id ${UNKNOWN}`);
    expect(await refused({ id: UNKNOWN, visibility: "all" })).toBe("integration not found");
  });
});

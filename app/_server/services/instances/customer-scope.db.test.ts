import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { customers, persistedData } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory, createContext } from "@/app/_server/trpc";
import { addSigningKey } from "@/app/_server/services/embedding/signing-keys";
import { signInWithJwt } from "@/app/_server/services/embedding/sign-in";
import { provideTestServices, testServices } from "@/test/fixtures/services";

const yaml = `definitionVersion: 1
name: Scope Check
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
let mine: Awaited<ReturnType<typeof deploy>>;
let theirs: Awaited<ReturnType<typeof deploy>>;

const callerFor = (principal: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(t), db: t.db, principal, headers: new Headers() });
const customerUser = (customerId: string): Principal => ({
  userId: "00000000-0000-4000-8000-000000000001",
  email: "user@customer.test",
  name: "Customer User",
  role: "customer",
  customerId,
  via: "session",
});

/** the same customer user's reach, signed in with a password or with a JWT its software company signed (embedded session) */
const SIGN_INS: [string, () => Promise<ReturnType<typeof callerFor>>][] = [
  ["a password sign-in", async () => callerFor(customerUser(mine.customerId))],
  [
    "a signed JWT",
    async () => {
      const { kid, secret } = await addSigningKey(t.db, { kid: `k-${randomUUID()}`, algorithm: "HS256" });
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ customer: "mine-ext", role: "admin", name: "Embedded User" })
        .setProtectedHeader({ alg: "HS256", kid })
        .setSubject("embedded-user")
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(new TextEncoder().encode(secret!));
      const { sessionToken } = await signInWithJwt(t.db, jwt);
      return createCallerFactory(appRouter)(await createContext({ headers: new Headers({ authorization: `Bearer ${sessionToken}` }) }));
    },
  ],
];

beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t);
  mine = await deploy(t.db, yaml, { greeting: "hi" }, "Mine");
  // a second customer of the same published integration
  const admin = callerFor({ ...customerUser(""), role: "admin", customerId: null });
  const other = await admin.customers.create({ name: "Theirs" });
  const created = await admin.instances.create({
    integrationId: mine.integrationId,
    customerId: other.id,
    configValues: { greeting: "yo" },
  });
  theirs = { ...mine, customerId: other.id, instance: await admin.instances.get({ id: created.id }) };
  await t.db.insert(persistedData).values({ ownerId: theirs.instance.id, flowKey: "", key: "cursor", value: 42 });
  await t.db.update(customers).set({ externalId: "mine-ext" }).where(eq(customers.id, mine.customerId));
});
afterAll(() => t.drop());

describe.each(SIGN_INS)("a customer user, after %s, reaches only its own customer", (_how, signIn) => {
  test("another customer's instance, customer and persisted data are FORBIDDEN", async () => {
    const me = await signIn();
    await expect(me.instances.get({ id: theirs.instance.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.customers.get({ id: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.instances.persistedData({ id: theirs.instance.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.instances.update({ id: theirs.instance.id, enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.instances.list({ customerId: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.customers.deletionImpact({ id: theirs.customerId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me.components.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("its own rows, and the marketplace of published integrations, are reachable", async () => {
    const me = await signIn();
    expect((await me.instances.list()).map((i) => i.id)).toEqual([mine.instance.id]);
    expect(await me.instances.persistedData({ id: mine.instance.id })).toEqual([]);
    expect(await me.customers.list()).toEqual([expect.objectContaining({ id: mine.customerId, instanceCount: 1 })]);
    const market = await me.marketplace.list();
    expect(market).toEqual([expect.objectContaining({ id: mine.integrationId, name: "Scope Check", latestVersion: 1 })]);
    const published = await me.marketplace.published({ id: mine.integrationId });
    expect(published.version).toBe(1);
    expect(published.yaml).toContain("name: Scope Check");
  });
});

describe("the organization", () => {
  test("sees the other instance's persisted data and each instance's last run (none yet)", async () => {
    const admin = callerFor({ ...customerUser(""), role: "admin", customerId: null });
    expect(await admin.instances.persistedData({ id: theirs.instance.id })).toEqual([
      expect.objectContaining({ key: "cursor", flow: "", value: 42 }),
    ]);
    const list = await admin.instances.list({ version: 1 });
    expect(list).toHaveLength(2);
    expect(list.every((i) => i.lastRunStatus === null)).toBe(true);
    expect(await admin.instances.list({ version: 2 })).toEqual([]);
    const impact = await admin.customers.deletionImpact({ id: theirs.customerId });
    expect(impact.instances.map((i) => i.id)).toEqual([theirs.instance.id]);
  });
});

/**
 * Per-customer config presets through the tRPC caller: what the organization sets, what the
 * customer's user sees of it (nothing of a hidden variable, never a credential), what it can
 * send, and what an instance ends up with.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { customerConfigPresets, instances } from "@/db/schema";
import { decryptJson } from "@/runtime/security/secret-box";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { deploy } from "@/test/fixtures/deploy";
import { testServices } from "@/test/fixtures/services";

const yaml = `definitionVersion: 1
name: Preset Sync
configPages:
  - name: Provider
    elements:
      - configVar: { key: region, label: Region, type: picklist, options: [eu, us], required: true }
      - configVar: { key: apiKey, label: API key, type: credential, credentialType: apiKey, required: true }
  - name: Yours
    elements:
      - configVar: { key: endpoint, label: Endpoint, type: string, required: true }
      - configVar: { key: greeting, label: Greeting, type: string }
flows:
  - name: Receive
    trigger: { type: webhook }
    steps: []
`;

const SECRET = "sk_live_provider_only";

let t: TestDatabase;
let d: Awaited<ReturnType<typeof deploy>>;
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
const me = () => callerFor(user("customer", d.customerId));
const key = () => ({ customerId: d.customerId, integrationId: d.integrationId });

beforeAll(async () => {
  t = await createTestDatabase();
  d = await deploy(t.db, yaml, { region: "us", apiKey: { key: "first" }, endpoint: "https://a.test" }, "Preset Customer");
  await admin().customers.presets.set({ ...key(), configVarKey: "region", mode: "hidden", value: "eu" });
  await admin().customers.presets.set({ ...key(), configVarKey: "apiKey", mode: "readonly", value: { key: SECRET } });
  await admin().customers.presets.set({ ...key(), configVarKey: "endpoint", mode: "readonly", value: "https://provider.test" });
});
afterAll(() => t.drop());

/** the instance's stored values, credentials unsealed: what runs */
async function stored(id: string) {
  const [row] = await t.db.select().from(instances).where(eq(instances.id, id));
  return { ...row!.configValues, ...(row!.credentials ? decryptJson<Record<string, unknown>>(row!.credentials) : {}) };
}

describe("the organization's view", () => {
  test("lists the presets; a credential's value never, only that it has one", async () => {
    const list = await admin().customers.presets.list(key());
    expect(list.map((p) => [p.configVarKey, p.mode, p.value, p.hasValue, p.sealed])).toEqual([
      ["apiKey", "readonly", undefined, true, true],
      ["endpoint", "readonly", "https://provider.test", true, false],
      ["region", "hidden", "eu", true, false],
    ]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    // and at rest the credential is sealed
    const rows = await t.db.select().from(customerConfigPresets);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });

  test("a value is checked with the variable's schema from the latest published version", async () => {
    const refused = (input: { configVarKey: string; value?: unknown }) =>
      admin()
        .customers.presets.set({ ...key(), mode: "readonly", ...input })
        .then(
          () => null,
          (e: Error) => e.message,
        );
    expect(await refused({ configVarKey: "region", value: "mars" })).toBe("value: must be one of eu, us");
    expect(await refused({ configVarKey: "apiKey", value: { key: "" } })).toBe("value: key is required");
    expect(await refused({ configVarKey: "nope", value: "x" })).toBe('configVarKey: version 1 has no config variable "nope"');
    expect(await refused({ configVarKey: "greeting" })).toBe("value: a preset of Greeting needs a value");
    // a mode change alone keeps the value (the credential is not re-entered)
    const kept = await admin().customers.presets.set({ ...key(), configVarKey: "apiKey", mode: "readonly" });
    expect(kept).toMatchObject({ hasValue: true, sealed: true });
  });

  test("customers and support cannot read or write presets", async () => {
    await expect(me().customers.presets.list(key())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(me().customers.presets.set({ ...key(), configVarKey: "region", mode: "readonly", value: "us" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(user("support", null)).customers.presets.list(key())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the customer's view", () => {
  test("the published definition has no hidden variable, read-only ones with their value, credentials without", async () => {
    const published = await me().marketplace.published({ id: d.integrationId });
    const keys = published.definition.configPages!.flatMap((p) => p.elements.flatMap((e) => ("configVar" in e ? [e.configVar.key] : [])));
    expect(keys).toEqual(["apiKey", "endpoint", "greeting"]);
    expect(published.presets).toEqual({ apiKey: { mode: "readonly" }, endpoint: { mode: "readonly", value: "https://provider.test" } });
    expect(published.presetsLocked).toBe(true);
    expect(published.yaml).not.toContain("region");
    expect(JSON.stringify(published)).not.toContain(SECRET);
    expect(JSON.stringify(published)).not.toMatch(/"eu"|Region/);
  });

  test("the organization deploying for the customer gets every preset to prefill its wizard", async () => {
    const published = await admin().marketplace.published({ id: d.integrationId, customerId: d.customerId });
    expect(published.presetsLocked).toBe(false);
    expect(published.presets).toEqual({
      region: { mode: "hidden", value: "eu" },
      apiKey: { mode: "readonly" },
      endpoint: { mode: "readonly", value: "https://provider.test" },
    });
    expect(JSON.stringify(published)).not.toContain(SECRET);
  });

  test("the deployed values are the presets; the instance view hides the hidden one", async () => {
    const created = await me().instances.create({ ...key(), configValues: { greeting: "hello" } });
    expect(await stored(created.id)).toEqual({
      region: "eu",
      apiKey: { key: SECRET },
      endpoint: "https://provider.test",
      greeting: "hello",
    });
    const view = await me().instances.get({ id: created.id });
    expect(view.config).toEqual({ apiKey: { key: "********" }, endpoint: "https://provider.test", greeting: "hello" });
    expect(view.presets).toEqual({ apiKey: { mode: "readonly" }, endpoint: { mode: "readonly", value: "https://provider.test" } });
    expect(JSON.stringify(view)).not.toMatch(/region|Region|sk_live/);
    // the organization sees all of it (credentials masked, as always)
    const orgView = await admin().instances.get({ id: created.id });
    expect(orgView.config).toMatchObject({ region: "eu", apiKey: { key: "********" } });
  });

  test("a customer's differing value is refused, naming the variable; a hidden one as if it did not exist", async () => {
    const refusal = await me()
      .instances.create({ ...key(), configValues: { region: "us", apiKey: { key: "mine" }, endpoint: "https://evil.test" } })
      .catch((e: { message: string; cause?: { problems?: unknown } }) => e);
    expect(refusal).toMatchObject({ code: "BAD_REQUEST" });
    expect((refusal as { cause: { problems: unknown } }).cause.problems).toEqual([
      { path: "apiKey", message: "API key is set by your provider" },
      { path: "endpoint", message: "Endpoint is set by your provider" },
      { path: "region", message: "no config variable has this key" },
    ]);
  });

  test("guessing a hidden or credential value right is refused the same way (no oracle)", async () => {
    const problems = async (configValues: Record<string, unknown>) =>
      me()
        .instances.create({ ...key(), configValues })
        .then(
          () => null,
          (e: { cause?: { problems?: unknown } }) => e.cause?.problems,
        );
    expect(await problems({ region: "eu" })).toEqual([{ path: "region", message: "no config variable has this key" }]);
    expect(await problems({ region: "us" })).toEqual([{ path: "region", message: "no config variable has this key" }]);
    expect(await problems({ apiKey: { key: SECRET } })).toEqual([{ path: "apiKey", message: "API key is set by your provider" }]);
    // a read-only value it was shown may be sent back unchanged
    expect(await problems({ endpoint: "https://provider.test" })).toBeNull();
  });

  test("reconfiguring: the presets win over the instance's older values; others are the customer's", async () => {
    // the instance of beforeAll was deployed before the presets existed
    expect(await stored(d.instance.id)).toMatchObject({ region: "us", apiKey: { key: "first" } });
    await expect(me().instances.update({ id: d.instance.id, configValues: { endpoint: "https://mine.test" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("endpoint: Endpoint is set by your provider"),
    });
    await me().instances.update({ id: d.instance.id, configValues: { greeting: "changed" } });
    expect(await stored(d.instance.id)).toEqual({
      region: "eu",
      apiKey: { key: SECRET },
      endpoint: "https://provider.test",
      greeting: "changed",
    });
  });

  test("the organization may override a preset; presets fill what it does not give", async () => {
    const created = await admin().instances.create({ ...key(), configValues: { region: "us" } });
    expect(await stored(created.id)).toEqual({ region: "us", apiKey: { key: SECRET }, endpoint: "https://provider.test" });
  });

  test("removing a preset gives the variable back to the customer", async () => {
    await admin().customers.presets.remove({ ...key(), configVarKey: "endpoint" });
    const published = await me().marketplace.published({ id: d.integrationId });
    expect(published.presets).toEqual({ apiKey: { mode: "readonly" } });
    await me().instances.update({ id: d.instance.id, configValues: { endpoint: "https://mine.test" } });
    expect(await stored(d.instance.id)).toMatchObject({ endpoint: "https://mine.test" });
    await expect(admin().customers.presets.remove({ ...key(), configVarKey: "endpoint" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a read-only customer user cannot deploy", async () => {
    const viewer = callerFor(user("customer_viewer", d.customerId));
    await expect(viewer.instances.create({ ...key(), configValues: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const view = await viewer.instances.get({ id: d.instance.id });
    expect(JSON.stringify(view)).not.toMatch(/region|sk_live/);
  });
});

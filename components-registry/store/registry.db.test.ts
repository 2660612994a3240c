import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { customers, instances, integrations, integrationVersions } from "@/db/schema";
import { createSandboxRunner } from "../sandbox/sandbox-runner";
import { invocation } from "../test-support/invocation";
import { tempPackage, type TempPackage } from "../test-support/temp-package";
import { createDbBundleLoader } from "./db-bundle-loader";
import { findVersionUsage } from "./find-version-usage";
import { installComponent } from "./install-component";
import { listComponents } from "./list-components";
import { removeComponentVersion } from "./remove-component-version";
import { resolveComponentVersions } from "./resolve-component-versions";

const greeter = (version: string, greeting: string) =>
  tempPackage(
    `import { action, component, input } from "@junction/sdk";
     export default component({
       key: "greeter",
       label: "Greeter",
       description: "says hello (${version})",
       actions: {
         greet: action({
           label: "Greet",
           inputs: { name: input({ label: "Name", type: "string", required: true }) },
           perform: async (_c, { name }) => ({ data: "${greeting}, " + name }),
         }),
       },
     });`,
    { name: "acme-greeter", version },
  );

let t: TestDatabase;
const packages: TempPackage[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  packages.forEach((p) => p.remove());
  await t.drop();
});

describe("component registry (PostgreSQL)", () => {
  test("installs from a .tgz, stores bundle and manifest, and runs the action from the database", async () => {
    const pkg = greeter("1.0.0", "Hello");
    packages.push(pkg);
    const out = mkdtempSync(join(tmpdir(), "junction-tgz-"));
    const tgz = join(out, "acme-greeter-1.0.0.tgz");
    // the layout `npm pack` makes: everything under package/
    execFileSync("tar", ["-czf", tgz, "--transform", "s,^\\.,package,", "-C", pkg.dir, "."]);
    try {
      const installed = await installComponent(t.db, { tgz: readFileSync(tgz) });
      expect(installed).toMatchObject({ key: "greeter", version: "1.0.0" });
      expect(installed.manifest.actions.greet.inputs).toEqual([{ key: "name", label: "Name", type: "string", required: true }]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }

    const [listed] = await listComponents(t.db);
    expect(listed).toMatchObject({ key: "greeter", label: "Greeter", builtIn: false });
    expect(listed.versions.map((v) => v.version)).toEqual(["1.0.0"]);
    expect(listed.versions[0]).not.toHaveProperty("bundle");

    const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db) });
    try {
      expect((await runner.run(invocation("greeter", "greet", { name: "Ann" }))).data).toBe("Hello, Ann");
    } finally {
      await runner.close();
    }
  });

  test("versions side by side; duplicates refused; pins resolve to exact, major or latest", async () => {
    for (const [v, g] of [
      ["1.2.0", "Hi"],
      ["2.0.0", "Howdy"],
      ["2.1.0-beta.1", "Yo"],
    ]) {
      const pkg = greeter(v, g);
      packages.push(pkg);
      await installComponent(t.db, { path: pkg.dir });
    }
    await expect(installComponent(t.db, { path: packages[1].dir })).rejects.toMatchObject({
      code: "duplicate",
      message: expect.stringMatching(/^greeter@1\.2\.0 is already installed with the same contents \(sha256 [0-9a-f]{64}\)$/),
    });
    const [listed] = await listComponents(t.db, { key: "greeter" });
    expect(listed.versions.map((v) => v.version)).toEqual(["2.1.0-beta.1", "2.0.0", "1.2.0", "1.0.0"]);

    expect(await resolveComponentVersions(t.db, [{ component: "greeter", pin: "1" }])).toEqual({ greeter: "1.2.0" });
    expect(await resolveComponentVersions(t.db, [{ component: "greeter" }])).toEqual({ greeter: "2.0.0" });
    expect(await resolveComponentVersions(t.db, [{ component: "greeter", pin: "2.1.0-beta.1" }])).toEqual({ greeter: "2.1.0-beta.1" });
    expect(await resolveComponentVersions(t.db, [{ component: "greeter", pin: "1" }, { component: "greeter" }])).toEqual({
      greeter: "1.2.0",
    });
    await expect(
      resolveComponentVersions(t.db, [
        { component: "greeter", pin: "1" },
        { component: "greeter", pin: "2" },
      ]),
    ).rejects.toThrow('no installed version of "greeter" matches @1 and @2');
    await expect(resolveComponentVersions(t.db, [{ component: "nope" }, { component: "greeter", pin: "7" }])).rejects.toThrow(
      /component "nope" is not installed; no installed version of "greeter" matches @7/,
    );

    const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db) });
    try {
      const greet = (version?: string) => runner.run({ ...invocation("greeter", "greet", { name: "Bo" }), version }).then((r) => r.data);
      expect(await greet("1")).toBe("Hi, Bo");
      expect(await greet("1.0.0")).toBe("Hello, Bo");
      expect(await greet()).toBe("Howdy, Bo");
      await expect(greet("3")).rejects.toThrow(/No installed version of "greeter" matches 3/);
    } finally {
      await runner.close();
    }
  });

  test("where a version is used, and removal refused while a deployed instance uses it", async () => {
    const [customer] = await t.db.insert(customers).values({ name: "Acme" }).returning();
    const [integration] = await t.db.insert(integrations).values({ name: "Greetings", draft: {} }).returning();
    const [v1] = await t.db
      .insert(integrationVersions)
      .values({ integrationId: integration.id, version: 1, definition: {}, componentVersions: { greeter: "1.2.0", http: "1.0.0" } })
      .returning();
    const [instance] = await t.db
      .insert(instances)
      .values({ name: "Acme greetings", integrationId: integration.id, customerId: customer.id, versionId: v1.id })
      .returning();

    expect(await findVersionUsage(t.db, "greeter", "1.2.0")).toEqual([
      {
        instanceId: instance.id,
        instanceName: "Acme greetings",
        enabled: true,
        customerId: customer.id,
        customerName: "Acme",
        integrationId: integration.id,
        integrationName: "Greetings",
        integrationVersion: 1,
      },
    ]);
    expect(await findVersionUsage(t.db, "greeter", "1.0.0")).toEqual([]);

    await expect(removeComponentVersion(t.db, "greeter", "1.2.0")).rejects.toMatchObject({
      code: "in-use",
      message: "greeter@1.2.0 is used by 1 deployed instance: Acme greetings (Acme)",
    });
    await removeComponentVersion(t.db, "greeter", "1.0.0");
    await expect(removeComponentVersion(t.db, "greeter", "1.0.0")).rejects.toMatchObject({ code: "not-found" });
    const [listed] = await listComponents(t.db, { key: "greeter" });
    expect(listed.versions.map((v) => v.version)).toEqual(["2.1.0-beta.1", "2.0.0", "1.2.0"]);
  });
});

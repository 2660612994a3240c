/**
 * Installing components by name from a real npm registry (verdaccio started here, packages
 * published to it with npm's CLI), through the components router as the page and the CLI call it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import ssri from "ssri";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Principal } from "@/app/_server/auth/principal";
import { appRouter } from "@/app/_server/routers";
import { createUser } from "@/app/_server/services/users/create-user";
import { createCallerFactory } from "@/app/_server/trpc";
import { componentPackages, componentVersions, orgSettings } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { testServices } from "@/test/fixtures/services";
import { startVerdaccio, type Verdaccio } from "@/test/support/verdaccio";
import { writeFixturePackage } from "./fixture-package";

// temporary folders of this process only, so "none left behind" can be checked
const TEMP = mkdtempSync(join(tmpdir(), "junction-registry-test-"));
process.env.TMPDIR = TEMP;
const leftovers = () => readdirSync(TEMP).filter((f) => /^junction-(npm|package)-/.test(f));

let t: TestDatabase;
let registry: Verdaccio;
let admin: ReturnType<typeof callerFor>;
let builder: ReturnType<typeof callerFor>;
const callerFor = (principal: Principal) =>
  createCallerFactory(appRouter)({ services: testServices(t), db: t.db, principal, headers: new Headers() });

async function publish(name: string, version: string, extra: Parameters<typeof writeFixturePackage>[0]["packageJson"] = undefined) {
  const pkg = writeFixturePackage({ name, version, packageJson: extra });
  try {
    await registry.publish(pkg.dir);
  } finally {
    pkg.remove();
  }
}

const installedVersions = async (key: string) =>
  (
    await t.db
      .select({ version: componentVersions.version })
      .from(componentVersions)
      .innerJoin(componentPackages, eq(componentPackages.id, componentVersions.packageId))
      .where(eq(componentPackages.key, key))
  )
    .map((r) => r.version)
    .sort();

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (err: Error & { code?: string }) => ({ message: err.message, code: err.code }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  registry = await startVerdaccio();
  const user = await createUser(t.db, { email: "builder@example.test", name: "Builder", password: "correct horse battery", role: "admin" });
  const principal = (role: Principal["role"]): Principal => ({
    userId: user.id,
    email: user.email,
    name: "B",
    role,
    customerId: null,
    via: "session",
  });
  admin = callerFor(principal("admin"));
  builder = callerFor(principal("builder"));
  await admin.components.registry.updateSettings({ url: registry.url });
  await publish("@fixture/echo", "1.0.0");
  await publish("@fixture/echo", "1.2.0");
  await publish("@fixture/echo", "2.0.0");
  await publish("fixture-ranged", "1.0.0");
  await publish("fixture-ranged", "1.4.0");
  await publish("fixture-with-deps", "1.0.0", { dependencies: { "left-pad": "^1.3.0" } });
  await publish("@fixture/tampered", "1.0.0");
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await t?.drop();
});

describe("installing by name", () => {
  test("an exact version, a range (the highest matching) and latest", async () => {
    expect(await builder.components.registry.install({ spec: "@fixture/echo@1.0.0" })).toMatchObject({
      key: "echo",
      version: "1.0.0",
      source: { registry: registry.url, name: "@fixture/echo", version: "1.0.0", integrity: expect.stringMatching(/^sha512-/) },
    });
    expect(await builder.components.registry.install({ spec: "fixture-ranged@^1.0.0" })).toMatchObject({
      key: "fixtureRanged",
      version: "1.4.0",
    });
    expect(await builder.components.registry.install({ spec: "@fixture/echo@latest" })).toMatchObject({ version: "2.0.0" });
    expect(await installedVersions("echo")).toEqual(["1.0.0", "2.0.0"]);
    // the stored manifest keeps where the version came from
    const [row] = await t.db
      .select({ manifest: componentVersions.manifest })
      .from(componentVersions)
      .where(eq(componentVersions.version, "1.4.0"));
    expect(row!.manifest).toMatchObject({ key: "fixtureRanged", source: { name: "fixture-ranged", version: "1.4.0" } });
    // the same version again is refused as a duplicate, not stored twice
    expect(await refusal(builder.components.registry.install({ spec: "@fixture/echo@2.0.0" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("echo@2.0.0 is already installed with the same contents"),
    });
    expect(leftovers()).toEqual([]);
  });

  test("a package or version that does not exist says so, listing the versions there are", async () => {
    expect(await refusal(builder.components.registry.install({ spec: "@fixture/nothing-here" }))).toEqual({
      code: "NOT_FOUND",
      message: `no package @fixture/nothing-here in registry ${registry.url}`,
    });
    const none = await refusal(builder.components.registry.install({ spec: "@fixture/echo@^9" }));
    expect(none.code).toBe("NOT_FOUND");
    expect(none.message).toContain(`no version of @fixture/echo in ${registry.url} matches "^9"; versions: 2.0.0, 1.2.0, 1.0.0`);
    expect(await refusal(builder.components.registry.install({ spec: "./some/folder" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("is not an npm package spec"),
    });
  });

  test("a package whose dependencies its tarball does not bundle is refused, and nothing is stored", async () => {
    const refused = await refusal(builder.components.registry.install({ spec: "fixture-with-deps" }));
    expect(refused.message).toContain("fixture-with-deps@1.0.0 depends on left-pad, which its tarball does not bundle");
    expect(await installedVersions("fixtureWithDeps")).toEqual([]);
  });

  test("a builder installs; a customer user may not", async () => {
    const customerCaller = callerFor({
      userId: "x",
      email: "c@example.test",
      name: "C",
      role: "customer",
      customerId: null,
      via: "session",
    });
    await expect(customerCaller.components.registry.install({ spec: "@fixture/echo@1.2.0" })).rejects.toThrow();
    expect(await installedVersions("echo")).toEqual(["1.0.0", "2.0.0"]);
  });
});

describe("integrity", () => {
  test("a tarball changed in the registry's storage is refused, nothing is stored, no temporary folder is left", async () => {
    const dir = join(registry.storage, "@fixture", "tampered");
    const file = readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
    // a different but valid tarball in its place: only the integrity check can tell
    const other = writeFixturePackage({ name: "@fixture/tampered", version: "1.0.0", greeting: "evil" });
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", TEMP], { cwd: other.dir, encoding: "utf8" }).trim();
    writeFileSync(join(dir, file), readFileSync(join(TEMP, packed)));
    other.remove();
    const refused = await refusal(builder.components.registry.install({ spec: "@fixture/tampered@1.0.0" }));
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      message: `the tarball of @fixture/tampered@1.0.0 from ${registry.url} does not match its published integrity: refused`,
    });
    expect(await installedVersions("tampered")).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  test("a packument whose integrity does not match its tarball (a small registry of our own) is refused; its token is sent", async () => {
    const pkg = writeFixturePackage({ name: "lying", version: "1.0.0" });
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", TEMP], { cwd: pkg.dir, encoding: "utf8" }).trim();
    pkg.remove();
    const tgz = readFileSync(join(TEMP, packed));
    const seen: (string | undefined)[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.headers.authorization !== "Bearer private-token") return void res.writeHead(401).end("{}");
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      if (req.url === "/lying") {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(
          JSON.stringify({
            name: "lying",
            "dist-tags": { latest: "1.0.0" },
            versions: {
              "1.0.0": {
                name: "lying",
                version: "1.0.0",
                keywords: ["junction-component"],
                dist: { tarball: `${base}lying/-/lying-1.0.0.tgz`, integrity: ssri.fromData(Buffer.from("something else")).toString() },
              },
            },
          }),
        );
      }
      if (req.url === "/lying/-/lying-1.0.0.tgz") return void res.writeHead(200).end(tgz);
      res.writeHead(404).end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await admin.components.registry.updateSettings({ url, token: null });
      expect(await refusal(builder.components.registry.install({ spec: "lying" }))).toMatchObject({
        message: `the npm registry ${url} refused access to lying (401): set a token for it (Settings → Component registry or JUNCTION_NPM_TOKEN)`,
      });
      await admin.components.registry.updateSettings({ token: "private-token" });
      expect(await refusal(builder.components.registry.install({ spec: "lying" }))).toEqual({
        code: "BAD_REQUEST",
        message: `the tarball of lying@1.0.0 from ${url} does not match its published integrity: refused`,
      });
      expect(seen).toContain("Bearer private-token");
      expect(await installedVersions("lying")).toEqual([]);
      expect(leftovers()).toEqual([]);
    } finally {
      await admin.components.registry.updateSettings({ url: registry.url, token: null });
      await new Promise((r) => server.close(r));
    }
  });
});

describe("the registry's settings", () => {
  test("the token is sealed at rest and never sent back; the URL overrides the environment's", async () => {
    await admin.components.registry.updateSettings({ token: "npm_secret_token_123" });
    const view = await admin.components.registry.settings();
    expect(view).toEqual({
      url: registry.url,
      urlFrom: "settings",
      settingsUrl: registry.url,
      hasToken: true,
      tokenFrom: "settings",
    });
    expect(JSON.stringify(view)).not.toContain("npm_secret_token_123");
    const [row] = await t.db.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, "componentRegistry"));
    expect(JSON.stringify(row!.value)).not.toContain("npm_secret_token_123");
    await expect(builder.components.registry.settings()).rejects.toThrow();
    expect(await refusal(admin.components.registry.updateSettings({ url: "ftp://example.test" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "url: must be an http(s) URL, got ftp:",
    });
    await admin.components.registry.updateSettings({ token: null });
    expect((await admin.components.registry.settings()).hasToken).toBe(false);
  });
});

describe("browsing and upgrading", () => {
  test("search lists components with what is installed and the upgrade on offer", async () => {
    const { packages } = await builder.components.registry.search({ text: "fixture" });
    const echo = packages.find((p) => p.name === "@fixture/echo");
    expect(echo).toMatchObject({ version: "2.0.0", installedKey: "echo", installedVersions: ["2.0.0", "1.0.0"], upgradeTo: null });
    expect(packages.find((p) => p.name === "fixture-ranged")).toMatchObject({ installedVersions: ["1.4.0"] });
    const all = await builder.components.registry.search({ text: "" });
    expect(all.packages.map((p) => p.name)).toEqual(expect.arrayContaining(["@fixture/echo", "fixture-ranged", "fixture-with-deps"]));
    expect((await builder.components.registry.search({ text: "no-such-thing-at-all" })).packages).toEqual([]);
  });

  test("a package's page: versions, dist-tags, readme as published, the actions and connection of its latest version", async () => {
    const p = await builder.components.registry.package({ name: "@fixture/echo" });
    expect(p).toMatchObject({
      name: "@fixture/echo",
      latest: "2.0.0",
      distTags: { latest: "2.0.0" },
      keywords: ["junction-component", "fixture"],
      shownVersion: "2.0.0",
      installedVersions: ["2.0.0", "1.0.0"],
      manifestError: null,
      manifest: {
        key: "echo",
        actions: [{ key: "echo", label: "Echo", inputs: [{ key: "message", label: "Message", type: "string", required: true }] }],
        connections: [{ key: "account", label: "Fixture account", fields: [{ key: "apiKey", label: "API key", type: "password" }] }],
      },
    });
    expect(p.versions.map((v) => v.version)).toEqual(["2.0.0", "1.2.0", "1.0.0"]);
    expect(p.readme).toContain("# Fixture echo");
    const older = await builder.components.registry.package({ name: "@fixture/echo", version: "1.2.0" });
    expect(older.shownVersion).toBe("1.2.0");
  });

  test("a newer version published is offered as an upgrade; installing it keeps the old one", async () => {
    await publish("fixture-ranged", "1.5.0");
    expect((await builder.components.registry.package({ name: "fixture-ranged" })).upgradeTo).toBe("1.5.0");
    expect(await builder.components.registry.outdated()).toEqual([
      { name: "fixture-ranged", key: "fixtureRanged", installed: "1.4.0", latest: "1.5.0" },
    ]);
    await builder.components.registry.install({ spec: "fixture-ranged@1.5.0" });
    expect(await installedVersions("fixtureRanged")).toEqual(["1.4.0", "1.5.0"]);
    expect((await builder.components.registry.package({ name: "fixture-ranged" })).upgradeTo).toBeNull();
    expect(await builder.components.registry.outdated()).toEqual([]);
  });
});

describe("a registry that is down", () => {
  test("every call says the registry at its URL cannot be reached, and nothing is stored", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = `http://127.0.0.1:${port}/`;
    await admin.components.registry.updateSettings({ url: down });
    try {
      const refused = await refusal(builder.components.registry.install({ spec: "@fixture/echo@1.2.0" }));
      expect(refused).toEqual({
        code: "PRECONDITION_FAILED",
        message: `the npm registry ${down} is down or unreachable (ECONNREFUSED) while fetching @fixture/echo`,
      });
      expect(await refusal(builder.components.registry.search({ text: "x" }))).toMatchObject({
        message: `the npm registry ${down} is down or unreachable (ECONNREFUSED) while fetching a search`,
      });
      expect(await installedVersions("echo")).toEqual(["1.0.0", "2.0.0"]);
      expect(leftovers()).toEqual([]);
    } finally {
      await admin.components.registry.updateSettings({ url: registry.url });
    }
  });

  test("a registry that takes the connection but never answers times out (JUNCTION_NPM_TIMEOUT_MS) with the same clear error", async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    process.env.JUNCTION_NPM_TIMEOUT_MS = "300";
    await admin.components.registry.updateSettings({ url });
    try {
      const started = Date.now();
      const refused = await refusal(builder.components.registry.install({ spec: "@fixture/echo" }));
      expect(refused.code).toBe("PRECONDITION_FAILED");
      expect(refused.message).toMatch(new RegExp(`^the npm registry ${url} is down or unreachable \\(.+\\) while fetching @fixture/echo$`));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await refusal(builder.components.registry.search({ text: "x" }))).toMatchObject({
        message: `the npm registry ${url} is down or unreachable (ETIMEDOUT) while fetching a search`,
      });
    } finally {
      delete process.env.JUNCTION_NPM_TIMEOUT_MS;
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
      await admin.components.registry.updateSettings({ url: registry.url });
    }
  });
});

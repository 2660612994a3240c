/**
 * `junction components:install <spec>` / `components:search` / `components:outdated`: the real CLI
 * binary as a child process, against the real API router served here over HTTP (signed in with a
 * real API token), installing from a real verdaccio.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appRouter } from "@/app/_server/routers";
import { createCallerFactory } from "@/app/_server/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { testServices } from "@/test/fixtures/services";
import { cliAgainstApi, type CliAgainstApi } from "@/test/support/cli-against-api";
import { startVerdaccio, type Verdaccio } from "@/test/support/verdaccio";
import { publishConnectors } from "../connectors/publish-connectors";
import { writeFixturePackage } from "./fixture-package";

let t: TestDatabase;
let registry: Verdaccio;
let cli: CliAgainstApi;
const junction = (args: string[]) => cli.junction(args);

async function publish(name: string, version: string) {
  const pkg = writeFixturePackage({ name, version });
  try {
    await registry.publish(pkg.dir);
  } finally {
    pkg.remove();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  registry = await startVerdaccio();
  cli = await cliAgainstApi(t, testServices(t), "cli@example.test");
  await createCallerFactory(appRouter)({
    services: testServices(t),
    db: t.db,
    principal: { userId: cli.userId, email: "cli@example.test", name: "CLI", role: "admin", customerId: null, via: "session" },
    headers: new Headers(),
  }).components.registry.updateSettings({ url: registry.url });
  await publish("@fixture/cli-echo", "1.0.0");
  await publish("@fixture/cli-echo", "1.1.0");
}, 120_000);

afterAll(async () => {
  await cli?.stop();
  await registry?.stop();
  await t?.drop();
});

describe("components:install by name", { timeout: 90_000 }, () => {
  test("installs a range from the registry and prints key@version and where it came from", async () => {
    const run = await junction(["components:install", "@fixture/cli-echo@~1.0.0"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout.trim()).toBe(`cliEcho@1.0.0 (@fixture/cli-echo@1.0.0 from ${registry.url})`);
    const list = await junction(["components:list", "--output", "json"]);
    expect(JSON.parse(list.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "cliEcho", versions: [expect.objectContaining({ version: "1.0.0" })] })]),
    );
  });

  test("search shows the package, outdated the newer version; installing it keeps the old", async () => {
    const search = await junction(["components:search", "cli-echo", "--output", "json"]);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toEqual([
      expect.objectContaining({ name: "@fixture/cli-echo", version: "1.1.0", installedVersions: ["1.0.0"], upgradeTo: "1.1.0" }),
    ]);
    const outdated = await junction(["components:outdated"]);
    expect(outdated.code).toBe(0);
    expect(outdated.stdout).toMatch(/@fixture\/cli-echo\s+cliEcho\s+1\.0\.0\s+1\.1\.0/);
    expect((await junction(["components:install", "@fixture/cli-echo"])).stdout).toContain("cliEcho@1.1.0");
    expect((await junction(["components:outdated", "--output", "json"])).stdout.trim()).toBe("[]");
  });

  test("a spec the registry does not have, and a path that does not exist, fail in one line", async () => {
    const missing = await junction(["components:install", "@fixture/not-published@1"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: not found: no package @fixture/not-published in registry ${registry.url}`);
    const path = await junction(["components:install", "./no/such/folder"]);
    expect(path).toMatchObject({ code: 1 });
    expect(path.stderr.trim()).toBe("error: ./no/such/folder: no such file or folder");
  });

  test("a folder that exists is still packed and uploaded", async () => {
    const pkg = writeFixturePackage({ name: "local-folder-echo", version: "3.0.0" });
    try {
      const run = await junction(["components:install", pkg.dir]);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout.trim()).toBe("localFolderEcho@3.0.0");
    } finally {
      pkg.remove();
    }
  });
});

describe("the connector packages", () => {
  test("each one under components-registry/connectors/ publishes and installs by name through the CLI", async () => {
    const published = await publishConnectors(registry.url);
    expect(published.length).toBeGreaterThan(0);
    for (const p of published) {
      const run = await junction(["components:install", `${p.name}@${p.version}`]);
      expect(run, p.name).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toContain(`(${p.name}@${p.version} from ${registry.url})`);
    }
    const search = JSON.parse((await junction(["components:search", "junction-connectors", "--output", "json"])).stdout) as {
      name: string;
      installedVersions: string[];
    }[];
    for (const p of published) expect(search.find((s) => s.name === p.name)?.installedVersions, p.name).toEqual([p.version]);
  }, 120_000);
});

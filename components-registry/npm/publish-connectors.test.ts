/** publishConnectors against a real verdaccio, with connector-like folders of its own. */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startVerdaccio, type Verdaccio } from "@/test/support/verdaccio";
import { publishConnectors } from "../connectors/publish-connectors";
import { createNpmClient } from "./npm-client";
import { writeFixturePackage } from "./fixture-package";

let registry: Verdaccio;
const root = mkdtempSync(join(tmpdir(), "junction-connectors-"));

beforeAll(async () => {
  registry = await startVerdaccio();
  for (const [folder, name] of [
    ["alpha", "@junction-connectors/alpha"],
    ["beta", "@junction-connectors/beta"],
  ]) {
    const pkg = writeFixturePackage({ name, version: "1.0.0" });
    cpSync(pkg.dir, join(root, folder), { recursive: true });
    pkg.remove();
  }
  // a folder without package.json is not a connector
  mkdirSync(join(root, "notes"));
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  rmSync(root, { recursive: true, force: true });
});

test("publishes every folder with a package.json; a second run finds them there", async () => {
  const first = await publishConnectors(registry.url, { root });
  expect(first.map((p) => [p.name, p.outcome])).toEqual([
    ["@junction-connectors/alpha", "published"],
    ["@junction-connectors/beta", "published"],
  ]);
  const hits = await createNpmClient({ url: registry.url }).search("junction-connectors");
  expect(hits.map((h) => h.name).sort()).toEqual(["@junction-connectors/alpha", "@junction-connectors/beta"]);
  const again = await publishConnectors(registry.url, { root });
  expect(again.map((p) => p.outcome)).toEqual(["already-published", "already-published"]);
});

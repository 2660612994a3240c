import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { componentVersions } from "@/db/schema";
import { createSandboxRunner } from "../sandbox/sandbox-runner";
import { invocation } from "../test-support/invocation";
import { createDbBundleLoader } from "./db-bundle-loader";
import { builtinPackageDirs, installBuiltins } from "./install-builtins";
import { installComponent } from "./install-component";
import { listComponents } from "./list-components";
import { removeComponentVersion } from "./remove-component-version";
import { tempPackage } from "../test-support/temp-package";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const KEYS = [
  "branch",
  "changeDataFormat",
  "code",
  "dateTime",
  "http",
  "loop",
  "persistData",
  "processData",
  "selectExecutedStepResult",
  "sftp",
  "stopExecution",
];

test("installs every built-in once; the second call is quick and changes nothing", async () => {
  expect(builtinPackageDirs()).toHaveLength(KEYS.length);
  const first = await installBuiltins(t.db);
  expect(first.installed.sort()).toEqual(KEYS.map((k) => expect.stringMatching(new RegExp(`^${k}@\\d+\\.\\d+\\.\\d+$`))));
  const listed = await listComponents(t.db);
  expect(listed.map((c) => c.key)).toEqual(KEYS);
  expect(listed.every((c) => c.builtIn)).toBe(true);

  const second = await installBuiltins(t.db);
  expect(second).toEqual({ installed: [], updated: [], unchanged: expect.any(Array) });
  expect(second.unchanged).toHaveLength(KEYS.length);
});

test("a built-in whose stored bundle differs is replaced in place", async () => {
  await t.db.update(componentVersions).set({ bundleSha256: "stale" });
  const report = await installBuiltins(t.db);
  expect(report.updated).toHaveLength(KEYS.length);
  expect((await installBuiltins(t.db)).unchanged).toHaveLength(KEYS.length);
});

test("built-ins run from the database; their keys and current versions are protected", async () => {
  const runner = createSandboxRunner({ loadBundle: createDbBundleLoader(t.db) });
  try {
    const r = await runner.run(invocation("code", "runCode", { code: "module.exports = async () => ({ data: 6 * 7 })" }));
    expect(r.data).toBe(42);
  } finally {
    await runner.close();
  }
  await expect(removeComponentVersion(t.db, "http", "1.1.0")).rejects.toMatchObject({ code: "built-in" });
  const impostor = tempPackage(
    `import { action, component } from "@junction/sdk";
     export default component({ key: "http", label: "Not HTTP", actions: { get: action({ label: "Get", inputs: {}, perform: async () => ({ data: 1 }) }) } });`,
    { version: "9.0.0" },
  );
  try {
    await expect(installComponent(t.db, { path: impostor.dir })).rejects.toMatchObject({ code: "built-in" });
  } finally {
    impostor.remove();
  }
});

test("two processes installing at once do not collide", async () => {
  const fresh = await createTestDatabase();
  try {
    const [a, b] = await Promise.all([installBuiltins(fresh.db), installBuiltins(fresh.db)]);
    expect(a.installed.length + b.installed.length).toBe(KEYS.length);
    expect((await listComponents(fresh.db)).map((c) => c.versions.length)).toEqual(KEYS.map(() => 1));
  } finally {
    await fresh.drop();
  }
});

/**
 * Hostile tenants, component packages: a package's author is untrusted. Bundling reads only the
 * package's own files, a version once installed never changes, and a database error never shows
 * its SQL to whoever caused it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempPackage } from "../../components-registry/test-support/temp-package";
import { installComponent } from "../../components-registry/store/install-component";
import { uploadComponent } from "../../app/_server/services/components/manage-components";
import { createTestDatabase, type TestDatabase } from "../db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const component = (key: string, extra = "", description = "A test component") => `
import { action, component } from "@junction/sdk";
${extra}
export default component({
  key: "${key}",
  label: "${key}",
  description: ${JSON.stringify(description)},
  actions: { run: action({ label: "Run", inputs: {}, perform: async () => ({ data: typeof leaked === "undefined" ? null : leaked }) }) },
});`;

/** packs the folder as `npm pack` does and uploads it, as `junction components:install <folder>` does */
function upload(dir: string) {
  const out = mkdtempSync(join(tmpdir(), "junction-hostile-tgz-"));
  try {
    const tgz = join(out, "package.tgz");
    execFileSync("tar", ["-czf", tgz, "--transform", "s,^\\.,package,", "-C", dir, "."]);
    return uploadComponent(t.db, { tgzBase64: readFileSync(tgz).toString("base64"), userId: null as unknown as string });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const stored = async (key: string) => (await t.pool.query("select count(*)::int as n from component_packages where key = $1", [key])).rows[0].n;

describe("bundling is confined to the package folder", () => {
  test.each([
    ["the server's environment", `import leaked from "/proc/self/environ" with { type: "text" };`, 'import "/proc/self/environ" in src/index.ts is outside the package folder'],
    ["a file above the package", `import leaked from "../../../../../../../../etc/hostname" with { type: "text" };`, 'import "../../../../../../../../etc/hostname" in src/index.ts is outside the package folder'],
    ["the server's own dependencies", `import leaked from "/work/main/node_modules/pg/package.json";`, "is outside the package folder"],
    ["a binary loader", `import leaked from "./data.bin" with { type: "binary" };`, 'asks for type "binary": a package may import only code, JSON and text'],
    ["a file kind esbuild would copy", `import leaked from "./logo.png";`, '".png" files cannot be bundled'],
  ])("reading %s is refused, naming the import; nothing is stored", async (_what, line, message) => {
    const key = `evil${Math.floor(Math.random() * 1e9)}`;
    const pkg = tempPackage(component(key, line + "\ndeclare const _x: unknown;"), { name: key, files: { "src/data.bin": "x", "src/logo.png": "x" } });
    try {
      await expect(upload(pkg.dir)).rejects.toThrow(message);
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("a symlink inside the package folder that points out of it is refused", async () => {
    const key = `evillink${Math.floor(Math.random() * 1e9)}`;
    const pkg = tempPackage(component(key, `import leaked from "./passwd.txt";`), { name: key });
    symlinkSync("/etc/passwd", join(pkg.dir, "src", "passwd.txt"));
    try {
      await expect(installComponent(t.db, { path: pkg.dir })).rejects.toThrow('import "./passwd.txt" in src/index.ts is outside the package folder');
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("a package's own text, JSON and code files still bundle", async () => {
    const key = `honest${Math.floor(Math.random() * 1e9)}`;
    const pkg = tempPackage(component(key, `import note from "./note.txt" with { type: "text" };\nimport data from "./data.json";\nconst leaked = note + data.n;`), {
      name: key,
      files: { "src/note.txt": "hello ", "src/data.json": '{"n": 1}' },
    });
    try {
      await expect(upload(pkg.dir)).resolves.toMatchObject({ key, version: "1.0.0" });
    } finally {
      pkg.remove();
    }
  });
});

test("a version is immutable: uploading the same version with other code is refused, both checksums shown", async () => {
  const key = `fixed${Math.floor(Math.random() * 1e9)}`;
  const first = tempPackage(component(key, "const leaked = 1;"), { name: key });
  const changed = tempPackage(component(key, "const leaked = 2;"), { name: key });
  try {
    await upload(first.dir);
    const sha = (await t.pool.query("select bundle_sha256 from component_versions v join component_packages p on p.id = v.package_id where p.key = $1", [key])).rows[0].bundle_sha256;
    await expect(upload(changed.dir)).rejects.toThrow(new RegExp(`${key}@1\\.0\\.0 is already installed with sha256 ${sha}; this package's is [0-9a-f]{64}`));
    await expect(upload(first.dir)).rejects.toThrow(`${key}@1.0.0 is already installed with the same contents (sha256 ${sha})`);
  } finally {
    first.remove();
    changed.remove();
  }
});

test("a database error caused by a package never shows SQL: a description holding a NUL is refused by name", async () => {
  const key = `nul${Math.floor(Math.random() * 1e9)}`;
  const pkg = tempPackage(component(key, "", "bad\u0000description"), { name: key });
  try {
    const err = await upload(pkg.dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/description holds a NUL character/);
    expect(err?.message).not.toMatch(/insert into|select |\$1/i);
  } finally {
    pkg.remove();
  }
});

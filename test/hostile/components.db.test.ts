/**
 * Hostile tenants, component packages: a package's author is untrusted. Bundling reads only the
 * package's own files, a version once installed never changes, and a database error never shows
 * its SQL to whoever caused it. Packages are uploaded as `junction components:install` does: a
 * .tgz posted to the tRPC route with an API token, the answer read as the CLI reads it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { createToken } from "@/app/_server/services/tokens/create-token";
import { createUser } from "@/app/_server/services/users/create-user";
import { tempPackage } from "@/components-registry/test-support/temp-package";
import { installComponent } from "@/components-registry/store/install-component";
import { provideTestServices } from "../fixtures/services";
import { createTestDatabase, type TestDatabase } from "../db";

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  provideTestServices(t); // what the route handler uses
  const user = await createUser(t.db, { email: "builder@example.com", name: "Builder", password: "builder-password", role: "builder" });
  ({ token } = await createToken(t.db, { userId: user!.id, name: "cli" }));
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

class Refused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** packs the folder as `npm pack` does and posts it to components.install; a refusal throws with the message the user is shown */
async function upload(dir: string): Promise<{ key: string; version: string }> {
  const out = mkdtempSync(join(tmpdir(), "junction-hostile-tgz-"));
  let tgzBase64: string;
  try {
    const tgz = join(out, "package.tgz");
    execFileSync("tar", ["-czf", tgz, "--transform", "s,^\\.,package,", "-C", dir, "."]);
    tgzBase64 = readFileSync(tgz).toString("base64");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const res = await trpcPost(
    new Request("http://localhost:3000/api/trpc/components.install", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ tgzBase64 }),
    }),
  );
  const body = (await res.json()) as { result?: { data: { key: string; version: string } }; error?: { message: string } };
  if (body.error) throw new Refused(body.error.message, res.status);
  return body.result!.data;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Refused) => e,
  );

const stored = async (key: string) =>
  (await t.pool.query("select count(*)::int as n from component_packages where key = $1", [key])).rows[0].n;
const newKey = (prefix: string) => `${prefix}${Math.floor(Math.random() * 1e9)}`;

describe("bundling is confined to the package folder", () => {
  // a secret beside the folder an upload is unpacked in (tmpdir/junction-package-*/package/src/index.ts)
  const secretName = `junction-hostile-secret-${process.pid}`;
  const secretFile = join(tmpdir(), `${secretName}.txt`);
  beforeAll(() => writeFileSync(secretFile, "TOPSECRET-beside-the-package"));
  afterAll(() => rmSync(secretFile, { force: true }));

  const GLOB_REFUSAL = "an import path must be a string literal: esbuild would bundle every file a path built at run time could match";

  test.each([
    [
      "the server's environment",
      `import leaked from "/proc/self/environ" with { type: "text" };`,
      'import "/proc/self/environ" in src/index.ts is outside the package folder',
    ],
    [
      "a file above the package",
      `import leaked from "../../../../../../../../etc/hostname" with { type: "text" };`,
      'import "../../../../../../../../etc/hostname" in src/index.ts is outside the package folder',
    ],
    [
      "the server's own dependencies",
      `import leaked from "${join(process.cwd(), "node_modules/pg/package.json")}";`,
      "is outside the package folder",
    ],
    [
      "a binary loader",
      `import leaked from "./data.bin" with { type: "binary" };`,
      'asks for type "binary": a package may import only code, JSON and text',
    ],
    ["a file kind esbuild would copy", `import leaked from "./logo.png";`, '".png" files cannot be bundled'],
    // esbuild expands these "glob imports" itself, without asking plugins to resolve what they match
    [
      "a text file beside the folder, by a template literal",
      "const leaked = (n: string) => import(`../../../" + secretName.replace(/\d+$/, "${n}") + ".txt`);",
      `import(\`../../../${secretName.replace(/\d+$/, "${n}")}.txt\`): ${GLOB_REFUSAL}`,
    ],
    [
      "JSON files above the folder, by a concatenated require",
      `declare const require: (p: string) => unknown; const n = String(Date.now()); const leaked = require("../../../../" + n + ".json");`,
      `require("../../../../" + n + ".json"): ${GLOB_REFUSAL}`,
    ],
  ])("reading %s is refused, naming the import; nothing is stored", async (_what, line, message) => {
    const key = newKey("evil");
    const pkg = tempPackage(component(key, line + "\ndeclare const _x: unknown;"), {
      name: key,
      files: { "src/data.bin": "x", "src/logo.png": "x" },
    });
    try {
      const err = await refusal(upload(pkg.dir));
      expect(err?.status).toBe(400);
      expect(err?.message).toContain(message);
      expect(err?.message).not.toContain("TOPSECRET");
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("a vendored dependency's require() of a built path is refused too", async () => {
    const key = newKey("evildep");
    const pkg = tempPackage(component(key, `import leaked from "innocent";`), {
      name: key,
      files: {
        "node_modules/innocent/package.json": JSON.stringify({ name: "innocent", version: "1.0.0", main: "index.js" }),
        "node_modules/innocent/index.js": `var name = "${secretName}"; module.exports = require("../../../../" + name + ".txt");`,
      },
    });
    try {
      const err = await refusal(upload(pkg.dir));
      expect(err?.message).toContain(`node_modules/innocent/index.js:1:`);
      expect(err?.message).toContain(GLOB_REFUSAL);
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("a pattern rooted at / is refused at once: bundling never walks the server's file system", async () => {
    const key = newKey("walker");
    const pkg = tempPackage(
      component(key, "const n = String(Date.now()); const leaked = import(`" + "../".repeat(12) + "${n}.nothing`);"),
      { name: key },
    );
    try {
      const started = Date.now();
      const err = await refusal(upload(pkg.dir));
      // (without the check esbuild lists every folder from / down: ~30 s on a small machine)
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(err?.message).toContain(GLOB_REFUSAL);
    } finally {
      pkg.remove();
    }
  });

  test("a symlink inside the package folder that points out of it is refused", async () => {
    // (a folder on the server, as the built-ins are installed; an uploaded .tgz loses its links when unpacked)
    const key = newKey("evillink");
    const pkg = tempPackage(component(key, `import leaked from "./passwd.txt";`), { name: key });
    symlinkSync("/etc/passwd", join(pkg.dir, "src", "passwd.txt"));
    try {
      await expect(installComponent(t.db, { path: pkg.dir })).rejects.toThrow(
        'import "./passwd.txt" in src/index.ts is outside the package folder',
      );
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("the bundle is made without the server's environment: process.env stays a reference, nothing is substituted", async () => {
    const key = newKey("envreader");
    const pkg = tempPackage(
      component(
        key,
        `declare const process: { env: Record<string, string> }; const leaked = typeof process === "undefined" ? null : process.env.DATABASE_URL;`,
      ),
      {
        name: key,
      },
    );
    try {
      await upload(pkg.dir);
      const { bundle } = (
        await t.pool.query("select bundle from component_versions v join component_packages p on p.id = v.package_id where p.key = $1", [
          key,
        ])
      ).rows[0];
      expect(bundle).toContain("process.env.DATABASE_URL");
      expect(bundle).not.toContain(t.url);
    } finally {
      pkg.remove();
    }
  });

  test("a package's own text, JSON and code files still bundle", async () => {
    const key = newKey("honest");
    const pkg = tempPackage(
      component(
        key,
        `import note from "./note.txt" with { type: "text" };\nimport data from "./data.json";\nimport { twice } from "./lib/twice";\nconst leaked = note + twice(data.n);`,
      ),
      {
        name: key,
        files: { "src/note.txt": "hello ", "src/data.json": '{"n": 1}', "src/lib/twice.ts": "export const twice = (n: number) => 2 * n;" },
      },
    );
    try {
      await expect(upload(pkg.dir)).resolves.toMatchObject({ key, version: "1.0.0" });
    } finally {
      pkg.remove();
    }
  });
});

test("a version is immutable: uploading the same version with other code is refused, both checksums shown", async () => {
  const key = newKey("fixed");
  const first = tempPackage(component(key, "const leaked = 1;"), { name: key });
  const changed = tempPackage(component(key, "const leaked = 2;"), { name: key });
  try {
    await upload(first.dir);
    const sha = (
      await t.pool.query(
        "select bundle_sha256 from component_versions v join component_packages p on p.id = v.package_id where p.key = $1",
        [key],
      )
    ).rows[0].bundle_sha256;
    const err = await refusal(upload(changed.dir));
    expect(err?.status).toBe(409);
    expect(err?.message).toMatch(new RegExp(`^${key}@1\\.0\\.0 is already installed with sha256 ${sha}; this package's is [0-9a-f]{64}`));
    await expect(upload(first.dir)).rejects.toThrow(`${key}@1.0.0 is already installed with the same contents (sha256 ${sha})`);
    const versions = await t.pool.query(
      "select bundle_sha256 from component_versions v join component_packages p on p.id = v.package_id where p.key = $1",
      [key],
    );
    expect(versions.rows).toEqual([{ bundle_sha256: sha }]);
  } finally {
    first.remove();
    changed.remove();
  }
});

describe("a database error never shows SQL", () => {
  test.each([
    ["a NUL", "bad\u0000description", "description holds a NUL character"],
    ["an unpaired surrogate", "bad\ud800description", "description holds an unpaired surrogate"],
  ])("a manifest holding %s (which PostgreSQL refuses) is refused by field", async (_what, description, message) => {
    const key = newKey("unstorable");
    const pkg = tempPackage(component(key, "", description), { name: key });
    try {
      const err = await refusal(upload(pkg.dir));
      expect(err?.status).toBe(400);
      expect(err?.message).toContain(message);
      expect(err?.message).not.toMatch(/insert into|select |\$1|params/i);
      expect(await stored(key)).toBe(0);
    } finally {
      pkg.remove();
    }
  });

  test("an insert the database refuses answers a reference to the server log, never the statement or its parameters", async () => {
    const key = newKey("refusedbydb");
    await t.pool.query(`alter table component_packages add constraint hostile_test_refuses check (description not like '%refuse-me%')`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const pkg = tempPackage(component(key, "", "refuse-me parameter-value-7f3a"), { name: key });
    try {
      const err = await refusal(upload(pkg.dir));
      expect(err?.status).toBe(500);
      expect(err?.message).toMatch(/^internal error \(reference [0-9a-f]{8}\); the server log has the details$/);
      const reference = err!.message.match(/reference ([0-9a-f]{8})/)![1]!;
      const log = logged.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
      expect(log).toContain(reference);
      expect(log).toContain('insert into "component_packages"');
    } finally {
      logged.mockRestore();
      pkg.remove();
      await t.pool.query("alter table component_packages drop constraint hostile_test_refuses");
    }
  });
});

import { afterEach, describe, expect, test } from "vitest";
import { tempPackage, type TempPackage } from "../test-support/temp-package";
import { preparePackage } from "./prepare-package";

const made: TempPackage[] = [];
afterEach(() => made.splice(0).forEach((p) => p.remove()));

const prepare = (source: string, options: Parameters<typeof tempPackage>[1] = {}, maxBundleBytes?: number) => {
  const pkg = tempPackage(source, options);
  made.push(pkg);
  return preparePackage({ path: pkg.dir }, { maxBundleBytes, limits: { memoryMb: 32, cpuTimeoutMs: 500 } });
};

const VALID = `import { action, component, input } from "@junction/sdk";
export default component({
  key: "valid", label: "Valid", description: "ok", category: "Test",
  actions: {
    go: action({
      label: "Go",
      inputs: {
        mode: input({ label: "Mode", type: "picklist", options: ["a", "b"], default: "a" }),
        script: input({ label: "Script", type: "code", language: "json", description: "some JSON" }),
      },
      perform: async () => ({ data: null }),
    }),
  },
});`;

describe("preparing a package", () => {
  test("reads the manifest in the sandbox, with the version from package.json", async () => {
    const p = await prepare(VALID, { version: "3.1.4" });
    expect(p.manifest).toEqual({
      key: "valid",
      version: "3.1.4",
      label: "Valid",
      description: "ok",
      category: "Test",
      actions: {
        go: {
          key: "go",
          label: "Go",
          inputs: [
            { key: "mode", label: "Mode", type: "picklist", default: "a", options: ["a", "b"] },
            { key: "script", label: "Script", type: "code", description: "some JSON", language: "json" },
          ],
        },
      },
    });
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.size).toBe(Buffer.byteLength(p.bundle));
  });

  test("an entry from package.json main, plain JavaScript", async () => {
    const p = await prepare("", {
      files: {
        "package.json": JSON.stringify({ name: "js-pkg", version: "1.0.0", main: "lib/main.js" }),
        "lib/main.js": `const { component, action } = require("@junction/sdk");
          module.exports = component({ key: "jsPkg", label: "JS", actions: { a: action({ label: "A", inputs: {}, perform: async () => ({ data: 1 }) }) } });`,
      },
    });
    expect(p.manifest.key).toBe("jsPkg");
  });

  test("no component export", async () => {
    await expect(prepare("export const x = 1;")).rejects.toMatchObject({
      code: "no-component",
      message: expect.stringContaining("does not export a component"),
    });
  });

  test("a syntax error names the file and line", async () => {
    await expect(prepare("export default {\n  key: 'x',,\n};")).rejects.toMatchObject({
      code: "bundle-failed",
      message: expect.stringMatching(/src\/index\.ts:2:\d+: /),
    });
  });

  test("a Node built-in import is refused with a clear error", async () => {
    await expect(prepare(`import { readFileSync } from "fs";\nexport default readFileSync;`)).rejects.toMatchObject({
      code: "bundle-failed",
      message: expect.stringContaining('"fs" is a Node.js built-in module: components run in a sandbox without Node APIs'),
    });
    await expect(prepare(`import "node:child_process";`)).rejects.toMatchObject({ code: "bundle-failed" });
  });

  test("a bundle over the size limit", async () => {
    const big = `${VALID}\nexport const padding = "${"x".repeat(200_000)}";`;
    await expect(prepare(big, {}, 100_000)).rejects.toMatchObject({
      code: "too-large",
      message: expect.stringMatching(/over the 0\.095\d* MB limit \(JUNCTION_MAX_BUNDLE_MB\)/),
    });
  });

  test("a package that loops or allocates forever while loading", async () => {
    await expect(prepare(`${VALID}\nwhile (true) {}`)).rejects.toMatchObject({
      code: "no-component",
      message: expect.stringContaining("ran longer than 500 ms"),
    });
    await expect(prepare(`${VALID}\nconst a: unknown[] = []; for (;;) a.push(new Array(100000).fill(1));`)).rejects.toMatchObject({
      code: "no-component",
      message: expect.stringContaining("exceeded the memory limit of 32 MB"),
    });
  });

  test("bad package.json, bad keys, missing entry", async () => {
    await expect(prepare(VALID, { version: "1.0" })).rejects.toMatchObject({
      code: "invalid-package",
      message: expect.stringContaining("semver"),
    });
    await expect(prepare(VALID.replace('key: "valid"', 'key: "Not Valid"'))).rejects.toMatchObject({
      code: "no-component",
      message: expect.stringContaining("lowerCamelCase"),
    });
    await expect(prepare("", { files: { "src/index.ts": null } })).rejects.toMatchObject({
      code: "invalid-package",
      message: expect.stringContaining("No entry file"),
    });
  });
});

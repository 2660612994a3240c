import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { componentKey, scaffoldFiles, scaffoldNextSteps, scaffoldProblem, titleCase } from "./scaffold";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SDK = join(ROOT, "components-registry", "sdk", "index.ts");

function run(args: string[], cwd: string, command = process.execPath): Promise<{ code: number; stdout: string; stderr: string }> {
  // a clean environment: the scaffold's vitest must not think it runs inside ours (the cast:
  // Next's types make NODE_ENV a required key of ProcessEnv)
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), NO_COLOR: "1" } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout: 120_000, encoding: "utf8" }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("names", () => {
  it("derives the component key and label from the package name", () => {
    expect(componentKey("acme-crm")).toBe("acmeCrm");
    expect(componentKey("@acme/erp_sync.v2")).toBe("erpSyncV2");
    expect(componentKey("2fa-tools")).toBe("faTools");
    expect(titleCase("acme-crm")).toBe("Acme Crm");
  });

  it("refuses names npm or the SDK would refuse", () => {
    expect(scaffoldProblem({ name: "acme-crm" })).toBeNull();
    expect(scaffoldProblem({ name: "Acme CRM" })).toMatch(/not a package name/);
    expect(scaffoldProblem({ name: "acme", key: "Acme" })).toMatch(/lowerCamelCase/);
  });
});

describe("files", () => {
  const files = scaffoldFiles({
    name: "acme-crm",
    label: "Acme CRM",
    dir: join(ROOT, "components-registry", "packages", "acme-crm"),
    sdkEntry: SDK,
    projectRoot: ROOT,
  });

  it("has a package.json at version 1.0.0 and an action written with the SDK", () => {
    expect(JSON.parse(files["package.json"]!)).toMatchObject({ name: "acme-crm", version: "1.0.0", type: "module" });
    expect(files["src/index.ts"]).toContain('import { action, component, input } from "@junction/sdk";');
    expect(files["src/index.ts"]).toContain('key: "acmeCrm"');
    expect(files["src/index.ts"]).toContain('label: "Acme CRM"');
    expect(files["src/index.ts"]).toMatch(/perform: async \(context, inputs\) =>/);
  });

  it("points at the SDK relatively inside the checkout, absolutely outside it", () => {
    expect(files["vitest.config.mjs"]).toContain('"../../sdk/index.ts"');
    const outside = scaffoldFiles({ name: "x", dir: "/somewhere/else/x", sdkEntry: SDK, projectRoot: ROOT });
    expect(outside["vitest.config.mjs"]).toContain(JSON.stringify(SDK));
  });
});

describe("next steps and README", () => {
  it("say npm install before the tests, then how to install the package into Junction", () => {
    const steps = scaffoldNextSteps("/work/pkgs/greeter", "/work");
    expect(steps.map((s) => s.split(/\s+#/)[0]!.trim())).toEqual([
      "cd pkgs/greeter",
      "npm install",
      "npm test",
      "junction components:install .",
    ]);
    expect(scaffoldNextSteps("/elsewhere/my greeter", "/work")[0]).toBe("cd '/elsewhere/my greeter'");
  });

  it("the README explains developing and both ways of installing", () => {
    const readme = scaffoldFiles({ name: "greeter", dir: "/x/greeter", sdkEntry: SDK, projectRoot: ROOT })["README.md"]!;
    expect(readme.indexOf("npm install")).toBeLessThan(readme.indexOf("npm test"));
    expect(readme).toContain("junction components:install .");
    expect(readme).toContain("`npm pack` makes `greeter-1.0.0.tgz`");
    expect(readme).toContain("**Install a package**");
    expect(readme).toContain("`greeter.sayHello`");
  });
});

describe("junction components:init", () => {
  it("creates the package in the --dir folder itself, whose own tests pass after the printed steps", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "junction-init-")), "greeter");
    const init = await run(
      [join(ROOT, "cli", "bin", "junction.mjs"), "components:init", "greeter", "--dir", dir, "--output", "json"],
      ROOT,
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const created = JSON.parse(init.stdout);
    expect(created).toMatchObject({ id: "greeter", path: dir });
    expect(created.next[1]).toMatch(/^npm install/);
    for (const file of ["package.json", "src/index.ts", "src/index.test.ts", "vitest.config.mjs", "tsconfig.json", "README.md"])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, "greeter")), "no folder inside the folder").toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version).toBe("1.0.0");

    // the printed steps: `npm install` (offline here: our node_modules holds the same vitest), then `npm test`
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    const test = await run(["test"], dir, "npm");
    expect(test.stdout + test.stderr).toMatch(/Tests\s+3 passed/);
    expect(test.code).toBe(0);

    const again = await run([join(ROOT, "cli", "bin", "junction.mjs"), "components:init", "greeter", "--dir", dir], ROOT);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists and is not empty/);
  });

  it("without --dir, the folder is named after the package, in the current folder; the steps are printed in order", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "junction-init-"));
    const init = await run([join(ROOT, "cli", "bin", "junction.mjs"), "components:init", "@acme/greeter"], cwd);
    expect(init.code).toBe(0);
    expect(existsSync(join(cwd, "greeter", "package.json"))).toBe(true);
    expect(init.stdout).toMatch(/Next:\n {2}cd greeter\n {2}npm install .*\n {2}npm test .*\n {2}junction components:install \./);
  });
});

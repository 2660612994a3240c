/**
 * Component packages. `components:init` scaffolds a new package locally. Listing and installing
 * need the registry's API (`components.list` / `components.install`), which the server does not
 * have yet: those commands are added here once it does.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { scaffoldFiles, scaffoldProblem } from "../components/scaffold";
import { CliError } from "../errors";
import { printRecord, recordOptions } from "../output/options";
import type { Topic } from "./topic";

/** This Junction checkout and its SDK source; the scaffold's tests alias `@junction/sdk` to it. */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SDK_ENTRY = join(PROJECT_ROOT, "components-registry", "sdk", "index.ts");

export const componentsTopic: Topic = {
  name: "components",
  summary: "component packages",
  register(program: Command) {
    recordOptions(
      program
        .command("components:init")
        .description("scaffold a new component package: package.json, src/index.ts with one action, a test")
        .argument("<name>", "package name, e.g. acme-crm (also the folder name)")
        .option("--dir <dir>", "create the folder inside this one", ".")
        .option("--key <key>", "component key (lowerCamelCase; from the name when omitted)")
        .option("--label <label>", "the name the designer shows (from the name when omitted)"),
    ).action((name: string, options: { dir: string; key?: string; label?: string; output?: "table" | "json" | "yaml" }) => {
      const problem = scaffoldProblem({ name, key: options.key });
      if (problem) throw new CliError(problem);
      const dir = resolve(options.dir, name.replace(/^@[^/]+\//, ""));
      if (existsSync(dir) && readdirSync(dir).length > 0) throw new CliError(`${dir} already exists and is not empty`);
      const files = scaffoldFiles({ name, key: options.key, label: options.label, dir, sdkEntry: SDK_ENTRY, projectRoot: PROJECT_ROOT });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      printRecord(
        { id: name, path: dir, files: Object.keys(files) },
        options,
        `Created ${dir}\n  ${Object.keys(files).join("\n  ")}\nNext: cd ${dir} && npx vitest run`,
      );
    });
  },
};

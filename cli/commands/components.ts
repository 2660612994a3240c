/**
 * Component packages: `components:init` scaffolds a new package locally; list, install (a folder
 * is packed with `tar czf` first, a `.tgz` is sent as it is, anything else is an npm spec the
 * server installs from its registry), search the registry, outdated, where a version is used, remove.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Command } from "commander";
import { parsePackageSpec } from "@/components-registry/npm/package-spec";
import { connect } from "../api";
import { scaffoldFiles, scaffoldNextSteps, scaffoldProblem } from "../components/scaffold";
import { CliError } from "../errors";
import type { Column, Row } from "../output/format";
import { listOptions, printList, printRecord, recordOptions } from "../output/options";
import { refuseWithoutYes } from "./shared";
import type { Topic } from "./topic";

type RecordOutput = { output?: "table" | "json" | "yaml" };

/** The server's upload limit (before base64); checked here so a big folder fails before it is sent. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

interface VersionInfo {
  version: string;
  installedAt: unknown;
  size: number;
  manifest: { actions?: Record<string, unknown> };
}
const versionsOf = (r: Row) => (Array.isArray(r.versions) ? (r.versions as VersionInfo[]) : []);

const LIST_COLUMNS: Column[] = [
  { key: "key" },
  { key: "label" },
  { key: "version", get: (r) => versionsOf(r)[0]?.version, header: "LATEST" },
  { key: "builtIn", header: "BUILT-IN" },
  { key: "actions", get: (r) => Object.keys(versionsOf(r)[0]?.manifest.actions ?? {}) },
  { key: "versions", get: (r) => versionsOf(r).map((v) => v.version), extended: true },
  { key: "category", extended: true },
  { key: "installedAt", header: "INSTALLED", get: (r) => versionsOf(r)[0]?.installedAt, extended: true },
  { key: "description", extended: true },
];

const SEARCH_COLUMNS: Column[] = [
  { key: "name" },
  { key: "version", header: "LATEST" },
  { key: "installedVersions", header: "INSTALLED" },
  { key: "upgradeTo", header: "UPGRADE" },
  { key: "description" },
  { key: "keywords", extended: true },
  { key: "installedKey", header: "KEY", extended: true },
];

const OUTDATED_COLUMNS: Column[] = [{ key: "name" }, { key: "key" }, { key: "installed" }, { key: "latest" }];

/** an npm spec when `target` is no file or folder here; a CliError when it is neither */
function registrySpec(target: string): string | null {
  if (existsSync(target)) return null;
  if (/^[./~]|\.(tgz|tar\.gz)$/i.test(target)) throw new CliError(`${target}: no such file or folder`);
  try {
    parsePackageSpec(target);
  } catch {
    throw new CliError(`${target}: no such file or folder, nor an npm package spec (like @scope/name@^1.2)`);
  }
  return target;
}

const USAGE_COLUMNS: Column[] = [
  { key: "instanceId", header: "INSTANCE ID" },
  { key: "instanceName", header: "INSTANCE" },
  { key: "customerName", header: "CUSTOMER" },
  { key: "integrationName", header: "INTEGRATION" },
  { key: "integrationVersion", header: "VERSION" },
  { key: "enabled" },
  { key: "customerId", header: "CUSTOMER ID", extended: true },
  { key: "integrationId", header: "INTEGRATION ID", extended: true },
];

/**
 * The bytes to upload: a `.tgz` as it is; a folder packed with `tar czf` in a temporary folder,
 * leaving out `node_modules` and `.git` the way `npm pack` does (dependencies are bundled by
 * the installer only from what the package itself holds).
 */
async function packageBytes(path: string): Promise<Buffer> {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CliError(`${path}: no such file or folder`);
  }
  if (stat.isFile()) {
    if (!/\.(tgz|tar\.gz)$/i.test(path)) throw new CliError(`${path}: give a package folder or a .tgz file (npm pack makes one)`);
    return readFileSync(path);
  }
  if (!existsSync(join(path, "package.json")))
    throw new CliError(`${path} has no package.json: is it a component package? (junction components:init makes one)`);
  const temp = mkdtempSync(join(tmpdir(), "junction-component-"));
  const tgz = join(temp, `${basename(resolve(path)) || "package"}.tgz`);
  try {
    await promisify(execFile)("tar", ["czf", tgz, "--exclude=./node_modules", "--exclude=./.git", "-C", path, "."]);
    return readFileSync(tgz);
  } catch (err) {
    throw new CliError(`could not pack ${path} with tar: ${((err as { stderr?: string }).stderr || (err as Error).message).trim()}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

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
        .description("scaffold a new component package: package.json, src/index.ts with one action, a test, a README")
        .argument("<name>", "package name, e.g. acme-crm")
        .option("--dir <dir>", "the package folder to create (default: ./NAME); it must be empty or new")
        .option("--key <key>", "component key (lowerCamelCase; from the name when omitted)")
        .option("--label <label>", "the name the designer shows (from the name when omitted)"),
    ).action((name: string, options: { dir?: string; key?: string; label?: string; output?: "table" | "json" | "yaml" }) => {
      const problem = scaffoldProblem({ name, key: options.key });
      if (problem) throw new CliError(problem);
      // --dir is the package folder itself, as `npm init` in that folder would have it
      const dir = resolve(options.dir ?? name.replace(/^@[^/]+\//, ""));
      if (existsSync(dir) && readdirSync(dir).length > 0) throw new CliError(`${dir} already exists and is not empty`);
      const files = scaffoldFiles({ name, key: options.key, label: options.label, dir, sdkEntry: SDK_ENTRY, projectRoot: PROJECT_ROOT });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const next = scaffoldNextSteps(dir);
      printRecord(
        { id: name, path: dir, files: Object.keys(files), next },
        options,
        `Created ${dir}\n  ${Object.keys(files).join("\n  ")}\nNext:\n  ${next.join("\n  ")}`,
      );
    });

    listOptions(
      program.command("components:list").description("installed components, their latest version and actions (--extended: every version)"),
      LIST_COLUMNS,
    ).action(async (options) => {
      const rows = await connect().call((api) => api.components.list.query());
      printList(rows as unknown as Row[], LIST_COLUMNS, options);
    });

    recordOptions(
      program
        .command("components:install")
        .description(
          "install a component package: a folder (packed with tar, without node_modules), a .tgz, or an npm spec the server installs from its registry (@scope/name@^1.2); prints key@version",
        )
        .argument("<path|spec>", "the package folder or .tgz file, or an npm package spec"),
    ).action(async (path: string, options: RecordOutput) => {
      const spec = registrySpec(path);
      if (spec) {
        const installed = await connect().call((api) => api.components.registry.install.mutate({ spec }));
        printRecord(
          installed,
          options,
          `${installed.key}@${installed.version} (${installed.source.name}@${installed.source.version} from ${installed.source.registry})`,
        );
        return;
      }
      const bytes = await packageBytes(path);
      if (bytes.length > MAX_UPLOAD_BYTES)
        throw new CliError(`${path}: the package is ${(bytes.length / 1024 / 1024).toFixed(1)} MB packed; the server takes up to 10 MB`);
      const installed = await connect().call((api) => api.components.install.mutate({ tgzBase64: bytes.toString("base64") }));
      printRecord(installed, options, `${installed.key}@${installed.version}`);
    });

    listOptions(
      program
        .command("components:search")
        .description("search the npm registry for components (keyword junction-component), with what is installed")
        .argument("[text]", "words to look for", ""),
      SEARCH_COLUMNS,
    ).action(async (text: string, options) => {
      const result = await connect().call((api) => api.components.registry.search.query({ text }));
      printList(result.packages as unknown as Row[], SEARCH_COLUMNS, options);
    });

    listOptions(
      program.command("components:outdated").description("installed component packages with a newer version in the npm registry"),
      OUTDATED_COLUMNS,
    ).action(async (options) => {
      const rows = await connect().call((api) => api.components.registry.outdated.query());
      printList(rows as unknown as Row[], OUTDATED_COLUMNS, options);
    });

    listOptions(
      program
        .command("components:usage")
        .description("the deployed instances that use a component version")
        .argument("<key>")
        .argument("<version>"),
      USAGE_COLUMNS,
    ).action(async (key: string, version: string, options) => {
      const rows = await connect().call((api) => api.components.usage.query({ key, version }));
      printList(rows, USAGE_COLUMNS, options);
    });

    recordOptions(
      program
        .command("components:remove")
        .description("remove an installed component version (needs --yes; refused while instances use it)")
        .argument("<key>")
        .argument("<version>")
        .option("-y, --yes", "really remove"),
    ).action(async (key: string, version: string, options: { yes?: boolean } & RecordOutput) => {
      const session = connect();
      if (!options.yes) {
        const components = await session.call((api) => api.components.list.query());
        const component = components.find((c) => c.key === key);
        if (!component?.versions.some((v) => v.version === version)) {
          throw new CliError(
            `not found: ${key}@${version} is not installed${component ? ` (versions: ${component.versions.map((v) => v.version).join(", ")})` : ""}`,
          );
        }
        const usage = await session.call((api) => api.components.usage.query({ key, version }));
        refuseWithoutYes(
          [
            usage.length
              ? `${key}@${version} is used by ${usage.length} instance${usage.length === 1 ? "" : "s"}, so removing it will be refused:`
              : `this would remove ${key}@${version}${component.versions.length === 1 ? ` (its only version: the component goes too)` : ""}`,
            ...usage.map((u) => `  ${u.instanceId}  ${u.instanceName} (${u.customerName})`),
          ],
          `junction components:remove ${key} ${version}`,
        );
      }
      const removed = await session.call((api) => api.components.remove.mutate({ key, version }));
      printRecord(removed, options, `Removed ${removed.key}@${removed.version}`);
    });
  },
};

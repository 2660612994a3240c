/**
 * Shared by the tests of test/lifecycle: child worker processes, accepting an execution as a
 * webhook's batcher does, and reading an execution and its attempts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import { startBoss } from "@/runtime/queue/boss";
import { startRuntime, type Runtime } from "@/runtime/runtime";
import { createTestDatabase, type TestDatabase } from "../db";
import { insertManifest } from "../fixtures/components";
import { deploy } from "../fixtures/deploy";
import { lifecycleManifest, lifecycleRunner, startCallServer, type CallServer } from "../fixtures/lifecycle-actions";
import { testkitManifest } from "../fixtures/test-actions";
import { waitFor } from "../wait-for";

/** what a test of test/lifecycle starts; whatever it adds to `runtimes` and `children` is stopped or killed after it */
export interface LifecycleSuite {
  t: TestDatabase;
  boss: PgBoss;
  /** with `holdCalls`: the lifecycle actions' call server */
  server: CallServer;
  runtimes: Runtime[];
  children: ChildProcess[];
}

/**
 * The suite's setup: settings in the environment (read when a runtime starts), a database with
 * the testkit and lifecycle actions, pg-boss, and — with `holdCalls` — the call server, which
 * holds the calls it names until released.
 */
export function lifecycleSuite(env: Record<string, string>, holdCalls?: (n: number) => boolean): LifecycleSuite {
  const s = { runtimes: [] as Runtime[], children: [] as ChildProcess[] } as LifecycleSuite;
  beforeAll(async () => {
    Object.assign(process.env, env);
    s.t = await createTestDatabase();
    await insertManifest(s.t.db, testkitManifest);
    await insertManifest(s.t.db, lifecycleManifest);
    s.boss = await startBoss(s.t.url, { supervise: false });
    if (holdCalls) s.server = await startCallServer(holdCalls);
  });
  afterAll(async () => {
    for (const c of s.children) killChild(c);
    s.server?.release();
    for (const r of s.runtimes) await r.stop();
    await s.server?.close();
    await s.boss?.stop({ graceful: false, wait: true });
    await s.t?.drop();
  });
  return s;
}

/**
 * The leader (a runtime without a worker of its own) and a worker in a child process, which takes
 * the jobs; then an instance of a one-step flow calling the suite's call server.
 */
export async function leaderChildAndFlow(s: LifecycleSuite, name: string, execution = "") {
  const leader = await startRuntime({ url: s.t.url, pool: s.t.pool, boss: s.boss, runner: lifecycleRunner, worker: false });
  s.runtimes.push(leader);
  await waitFor(() => leader.scheduler!.isLeader(), { what: "the leader" });
  const child = await spawnWorker(s.t.url, { JUNCTION_HEARTBEAT_MS: "300" }, s.children);
  const d = await deploy(
    s.t.db,
    `definitionVersion: 1
name: ${name} ${randomUUID()}
flows:
  - name: Main
    trigger: { type: webhook }${execution ? `\n    execution: ${execution}` : ""}
    steps:
      - name: Call
        action: lifecycle.call
        inputs: { url: { value: "${s.server.url}" } }
`,
  );
  return { leader, child, d };
}

/**
 * A worker in a process of its own (test/fixtures/worker-process.ts with the lifecycle actions), started: resolves
 * once it printed "ready". `children` gets it first, so an afterAll can kill it whatever happens.
 */
export async function spawnWorker(databaseUrl: string, env: Record<string, string>, children: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", "test/fixtures/worker-process.ts"], {
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, TEST_ACTIONS: "lifecycle" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.on("exit", (code, signal) => reject(new Error(`the worker process exited before it was ready (${code ?? signal})`)));
  });
  return child;
}

/** kills a child started here, by its PID (a stopped one too) */
export function killChild(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
}

export interface ExecutionRow {
  status: string;
  result: unknown;
  error: { message?: string } | null;
  worker_id: string | null;
  attempt: number;
}

export async function execution(pool: pg.Pool, id: string): Promise<ExecutionRow> {
  return (await pool.query("select status, result, error, worker_id, attempt from executions where id = $1", [id])).rows[0];
}

export interface AttemptRow {
  attempt: number;
  status: string;
  worker_id: string | null;
  error: { message?: string } | null;
  finished_at: Date | null;
}

/** the execution's attempts, oldest first */
export async function attempts(pool: pg.Pool, id: string): Promise<AttemptRow[]> {
  return (
    await pool.query(
      "select attempt, status, worker_id, error, finished_at from execution_attempts where execution_id = $1 order by started_at, attempt",
      [id],
    )
  ).rows;
}

/** the execution's job rows in pg-boss's table */
export async function jobs(pool: pg.Pool, id: string): Promise<Array<{ state: string }>> {
  return (await pool.query("select state from pgboss.job where name = 'execution' and data->>'executionId' = $1 order by created_on", [id]))
    .rows;
}

/**
 * Polls `read` until `ok` holds; a timeout's error tells what was seen last (today's state is the
 * useful part of a failure).
 */
export async function waitUntil<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  options: { timeoutMs?: number; what: string },
): Promise<T> {
  let last: T | undefined;
  try {
    return (
      await waitFor(
        async () => {
          last = await read();
          return ok(last) ? { value: last } : null;
        },
        { timeoutMs: options.timeoutMs ?? 10_000, everyMs: 50, what: options.what },
      )
    ).value;
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`, { cause: err });
  }
}

/** lets `ms` pass (for "and it stays so"), the way the repository's tests do: by waiting on the clock */
export async function letPass(ms: number): Promise<void> {
  const from = Date.now();
  await waitFor(() => Date.now() - from >= ms, { timeoutMs: ms + 1000, everyMs: 50, what: `${ms} ms to pass` });
}

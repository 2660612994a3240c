/**
 * `junction worker` is a worker alone: it must start without loading Next.js (nor the web app),
 * and quickly once the database is up.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "junction-worker-role-"));
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it("starts, runs its loops and stops on SIGTERM without loading next or app/", async () => {
  const trace = join(dir, "modules.txt");
  const child = spawn(
    process.execPath,
    ["--no-node-snapshot", "--import", "tsx", "--import", "./test/fixtures/trace-modules.mjs", "server/main.ts", "worker"],
    {
      env: { ...process.env, DATABASE_URL: t.url, TRACE_MODULES_FILE: trace },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!/worker running/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(out.match(/worker running.*/)![0]);
    const loaded = readFileSync(trace, "utf8").split("\n");
    expect(loaded.some((m) => m.includes("/runtime/worker/"))).toBe(true); // the trace sees our modules
    expect(loaded.filter((m) => /\/node_modules\/next\//.test(m))).toEqual([]);
    expect(loaded.filter((m) => m.includes(`${process.cwd()}/app/`))).toEqual([]);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(out).toContain("[junction] stopped");
}, 90_000);

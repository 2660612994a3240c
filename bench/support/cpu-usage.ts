/**
 * CPU time used by this process and by the PostgreSQL server's processes (Linux /proc; zeros
 * elsewhere or when the server runs as another machine): a bench divides them by the runs to
 * show where each run's cost lies.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** ms of CPU a process has used (user and system), from /proc; 0 when it is gone */
export function processCpuMs(pid: number | string): number {
  return ticks(String(pid)) * TICK_MS;
}

function ticks(pid: string): number {
  try {
    // fields after the command (which may hold spaces): utime is the 14th field overall
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresPids(): string[] {
  try {
    return readdirSync("/proc").filter((p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/comm`, "utf8").startsWith("postgres"));
  } catch {
    return [];
  }
}

export interface CpuSample {
  self: number;
  postgres: Map<string, number>;
}

export function sampleCpu(): CpuSample {
  const u = process.cpuUsage();
  return { self: (u.user + u.system) / 1000, postgres: new Map(postgresPids().map((p) => [p, ticks(p)])) };
}

/**
 * ms of CPU since `from`: this process, and PostgreSQL's processes (one started since counts in
 * full: a pool that grows under load starts backends; one that ended since is missed)
 */
export function cpuSince(from: CpuSample): { selfMs: number; postgresMs: number } {
  const now = sampleCpu();
  let pg = 0;
  for (const [pid, t] of now.postgres) pg += (t - (from.postgres.get(pid) ?? 0)) * TICK_MS;
  return { selfMs: now.self - from.self, postgresMs: pg };
}

/** Load from a process of its own (load-generator.ts), so its CPU is not the measured process's. */
import { spawn } from "node:child_process";

export interface LoadFigures {
  cpuMs: number;
  requests: number;
  /** seconds the load ran */
  elapsed: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** the poisoned requests' statuses (their latencies and counts are not in the figures above) */
  poisonStatuses: Record<string, number>;
  errors: number;
  accepted: string[];
}

/** with `poison`, attacker connections of their own send poisoned requests there at its rate; the figures are the honest requests' (load-generator.ts) */
export function loadGenerator(url: string, clients: number, seconds: number, body = "", poison?: { url: string; perSecond: number }) {
  return new Promise<LoadFigures>((resolve, reject) => {
    const args = [url, String(clients), String(seconds), body, ...(poison ? [poison.url, String(Math.round(poison.perSecond))] : [])];
    const child = spawn(process.execPath, ["--import", "tsx", "bench/support/load-generator.ts", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`))));
  });
}

/** Processes of the benches (chaos, scale, startup): each in a process group of its own, stopped by that group only. */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface Proc {
  name: string;
  child: ChildProcess;
  /** performance.now() when it was spawned */
  spawnedAt: number;
  /** resolves with the line that said it is ready */
  ready: Promise<string>;
  /** the last of its output (stdout and stderr) */
  output(): string;
}

/** A TypeScript entry of ours run by node with tsx. `logFile`: where its output goes, for a look after a failed run */
export function startProcess(name: string, args: string[], env: Env, readyWhen: RegExp, logFile?: string): Proc {
  return startCommand(name, process.execPath, ["--no-node-snapshot", "--import", "tsx", ...args], env, readyWhen, logFile);
}

/** variables to set, or to remove from ours (undefined) */
type Env = Record<string, string | undefined>;

/** Any command (`npm start`, say), in a process group of its own. */
export function startCommand(name: string, command: string, args: string[], env: Env, readyWhen: RegExp, logFile?: string): Proc {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    env: merged,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: a kill takes its children with it, and nothing else
  });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: "a" });
    child.stdout!.pipe(out, { end: false });
    child.stderr!.pipe(out, { end: false });
    child.on("exit", () => out.end());
  }
  let tail = "";
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-20_000));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      keep(d);
      const line = tail.split("\n").find((l) => readyWhen.test(l));
      if (line) resolve(line);
    });
    child.stderr!.on("data", keep);
    child.on("exit", (code, signal) => reject(new Error(`${name} exited before it was ready (${code ?? signal}):\n${tail}`)));
  });
  ready.catch(() => {});
  return { name, child, spawnedAt, ready, output: () => tail };
}

/** signals the process's group; false when it is gone already */
export function signalGroup(p: Proc, signal: NodeJS.Signals): boolean {
  if (p.child.pid === undefined || p.child.exitCode !== null || p.child.signalCode !== null) return false;
  try {
    process.kill(-p.child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs` */
export async function stopProcess(p: Proc, graceMs = 5_000): Promise<void> {
  if (!signalGroup(p, "SIGTERM")) return;
  const exited = new Promise<void>((r) => p.child.once("exit", () => r()));
  const timer = setTimeout(() => signalGroup(p, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

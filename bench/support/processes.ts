/** Processes of the benches (chaos, scale): each in a process group of its own, stopped by that group only. */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";

export interface Proc {
  name: string;
  child: ChildProcess;
  /** resolves with the line that said it is ready */
  ready: Promise<string>;
}

/** `logFile`: where its stdout and stderr go, for a look after a failed run */
export function startProcess(name: string, args: string[], env: Record<string, string>, readyWhen: RegExp, logFile?: string): Proc {
  const child = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", ...args], {
    env: { ...process.env, ...env },
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
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
      const line = tail.split("\n").find((l) => readyWhen.test(l));
      if (line) resolve(line);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
    child.on("exit", (code, signal) => reject(new Error(`${name} exited before it was ready (${code ?? signal}):\n${tail}`)));
  });
  ready.catch(() => {});
  return { name, child, ready };
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

/**
 * One `npm start` per data directory: a pid file in `.junction/`. A second start while the first
 * runs gets a clear message instead of fighting over the embedded PostgreSQL.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { junctionHome } from "@/db/home";

export class AlreadyRunningError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireInstanceLock(): () => void {
  const home = junctionHome();
  mkdirSync(home, { recursive: true, mode: 0o755 });
  const file = join(home, "junction.pid");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new AlreadyRunningError(
        `Junction is already running (pid ${pid}) with its data in ${home}. Stop it first, or set JUNCTION_HOME (or DATABASE_URL) for a second one.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
  };
}

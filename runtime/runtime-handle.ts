/**
 * The runtime this process started, for server code that enqueues (test runs, replays) from
 * inside Next.js's bundle — which loads its own copies of our modules, hence a global.
 */
import type PgBoss from "pg-boss";
import type { IngestBatcher } from "./executions/accept-batcher";
import type { Completion } from "./executions/completion/completion";

export interface RuntimeHandle {
  boss: PgBoss;
  batcher: IngestBatcher;
  /** runs' ends and step events, heard on the runtime's one LISTEN connection */
  completion: Completion;
}

const KEY = Symbol.for("junction.runtime");
type G = typeof globalThis & { [KEY]?: RuntimeHandle };

export function setRuntimeHandle(handle: RuntimeHandle | undefined): void {
  (globalThis as G)[KEY] = handle;
}

export function getRuntimeHandle(): RuntimeHandle {
  const handle = (globalThis as G)[KEY];
  if (!handle) throw new Error("the runtime is not started in this process (start it with `npm start` or `junction web`)");
  return handle;
}

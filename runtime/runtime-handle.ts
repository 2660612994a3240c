/**
 * The runtime this process started, for server code that enqueues (test runs, replays) from
 * inside Next.js's bundle — which loads its own copies of our modules, hence a global.
 */
import type PgBoss from "pg-boss";
import type { IngestBatcher } from "./ingest/ingest-batcher";

export interface RuntimeHandle {
  boss: PgBoss;
  batcher: IngestBatcher;
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

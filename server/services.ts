/**
 * What a process's request handlers use, built once by its role (server/roles.ts): the database
 * and the runtime's parts. tRPC's createContext puts it on `ctx`; route handlers and server
 * components get the same through their request's context (app/_server/trpc.ts createContext).
 *
 * Next.js bundles its own copies of our modules, so the object reaches the bundle through one
 * global, set here and read by createContext only: the one piece of state that crosses over.
 */
import type pg from "pg";
import type { Db } from "@/db/client";
import type { BulkReplays } from "@/runtime/bulk-replay/bulk-replay-job";
import type { IngestBatcher } from "@/runtime/executions/accept-batcher";
import type { Completion } from "@/runtime/executions/completion/completion";
import type { ExecutionEventHub } from "@/runtime/executions/completion/event-hub";

export interface Services {
  /** the database's connection string */
  url: string;
  pool: pg.Pool;
  db: Db;
  /** accepts run requests (test runs, replays): resolves once the run and its job are committed */
  accept: IngestBatcher;
  /** runs' ends, heard on the process's one LISTEN connection */
  completion: Completion;
  /** live execution events for server-sent event streams */
  events: ExecutionEventHub;
  /** queues bulk replays' jobs */
  bulkReplays: BulkReplays;
}

const KEY = Symbol.for("junction.services");
type G = typeof globalThis & { [KEY]?: Services };

/** makes the process's services reachable from Next.js's bundle (undefined: withdrawn at stop) */
export function provideServices(services: Services | undefined): void {
  (globalThis as G)[KEY] = services;
}

export function processServices(): Services {
  const services = (globalThis as G)[KEY];
  if (!services) throw new Error("this process serves no requests yet: its services are not started (`npm start`, or `junction web`)");
  return services;
}

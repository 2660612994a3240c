import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import type { BacklogFigures } from "@/runtime/executions/store";

export interface HealthSources {
  pool: pg.Pool;
  /** the queue answers (its execution queue exists) */
  queue: () => Promise<boolean> | boolean;
  /** the queue's backlog (sampled each second) */
  backlog?: () => BacklogFigures;
}

/** GET /api/health: the database answers a query and the queue is started; with the queue's depth and its oldest run's wait. */
export function healthHandler(sources: HealthSources) {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const database = await sources.pool
      .query("select 1")
      .then(() => "ok")
      .catch((err: Error) => {
        // anyone may call /api/health: the database's address and user stay in the log
        console.error(`[health] database: ${err.message}`);
        return "error: unreachable";
      });
    const queue = (await Promise.resolve(sources.queue()).catch(() => false)) ? "ok" : "error: not running";
    const ok = database === "ok" && queue === "ok";
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    const backlog = sources.backlog?.();
    const figures = backlog && { queued: backlog.queued, oldestQueuedSeconds: Math.round(backlog.oldestSeconds * 10) / 10 };
    res.end(JSON.stringify({ status: ok ? "ok" : "error", database, queue, ...(figures && { backlog: figures }) }));
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";

export interface HealthSources {
  pool: pg.Pool;
  /** the queue answers (its execution queue exists) */
  queue: () => Promise<boolean> | boolean;
}

/** GET /api/health: the database answers a query and the queue is started. */
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
    res.end(JSON.stringify({ status: ok ? "ok" : "error", database, queue }));
  };
}

/**
 * GET /api/metrics: the figures an operator watches, in Prometheus's text format — the queue's
 * depth, how long its oldest run has waited, and this process's back-pressure refusals. Open like
 * /api/health (figures only, nothing of any customer), unless JUNCTION_METRICS_TOKEN is set: then
 * it needs `Authorization: Bearer <that token>`.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Backlog } from "@/runtime/executions/backlog";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function metricsHandler(backlog: Backlog, token = process.env.JUNCTION_METRICS_TOKEN) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (token && !same(String(req.headers.authorization ?? ""), `Bearer ${token}`)) {
      res.writeHead(401, { "content-type": "text/plain" });
      return void res.end("send Authorization: Bearer <JUNCTION_METRICS_TOKEN>\n");
    }
    const { queued, oldestSeconds } = backlog.figures();
    const lines = [
      "# HELP junction_queue_depth Runs due and not yet started.",
      "# TYPE junction_queue_depth gauge",
      `junction_queue_depth ${queued}`,
      "# HELP junction_oldest_queued_seconds How long the oldest due run has waited.",
      "# TYPE junction_oldest_queued_seconds gauge",
      `junction_oldest_queued_seconds ${oldestSeconds.toFixed(3)}`,
      "# HELP junction_sync_backlog_refusals_total Synchronous webhooks this process answered 429 because of the backlog.",
      "# TYPE junction_sync_backlog_refusals_total counter",
      `junction_sync_backlog_refusals_total ${backlog.refusals()}`,
    ];
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4", "cache-control": "no-store" });
    res.end(lines.join("\n") + "\n");
  };
}

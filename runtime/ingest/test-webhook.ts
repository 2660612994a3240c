/**
 * `POST /api/test-webhooks/<token>[/<flow>]`: a real caller pointed at the draft. The request runs
 * the integration's draft with its test config, as Save & Run Test does, and is answered as the
 * live webhook would be — 202 with the execution id, or the run's result for a synchronous flow.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Completion } from "../executions/completion/completion";
import type { IngestBatcher } from "../executions/accept-batcher";
import { errorResponse as error, loadRunResponse, pendingResponse, runResponse, type RunResponse } from "../executions/run-response";
import { flowKey, type Definition } from "../definition";
import { isJson, parseQuery, triggerHeaders } from "./request-parts";
import { startTestRun, TestRunError } from "./start-test-run";

export interface TestWebhookDeps {
  pool: pg.Pool;
  batcher: IngestBatcher;
  completion: Completion;
  syncTimeoutMs?: number;
}

export interface TestWebhookRequest {
  token: string;
  /** a flow's key or name; the first flow when absent */
  flow?: string;
  /** the request's URL (its query goes to the trigger) */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export async function runTestWebhook(deps: TestWebhookDeps, req: TestWebhookRequest): Promise<RunResponse> {
  const found = await deps.pool.query<{ id: string; draft: Definition }>(
    "select id, draft from integrations where test_webhook_token = $1",
    [req.token],
  );
  const integration = found.rows[0];
  if (!integration) return error(404, "no test webhook at this URL (unknown token, or it was rotated)");

  const contentType = req.headers["content-type"] ?? "";
  let body: unknown = null;
  let binary: { contentType: string; data: Buffer } | undefined;
  if (req.body.length > 0 && isJson(contentType)) {
    try {
      body = JSON.parse(req.body.toString("utf8"));
    } catch (err) {
      return error(400, `the body is not valid JSON: ${(err as Error).message}`);
    }
  } else if (req.body.length > 0) binary = { contentType: contentType || "application/octet-stream", data: req.body };

  const id = randomUUID();
  deps.completion.prepare(id);
  let started: { id: string; flow: string };
  try {
    started = await startTestRun(deps.pool, deps.batcher, {
      id,
      integrationId: integration.id,
      flow: req.flow,
      body,
      binary,
      headers: triggerHeaders(req.headers, []),
      query: parseQuery(req.url),
    });
  } catch (err) {
    deps.completion.forget(id);
    if (err instanceof TestRunError) return error(400, err.message);
    throw err;
  }
  const flow = integration.draft.flows.find((f) => f.name === started.flow || flowKey(f.name) === flowKey(started.flow));
  if (!flow?.execution?.synchronous) {
    deps.completion.forget(id);
    return pendingResponse(id, "queued");
  }
  const done = await deps.completion.of(id, deps.syncTimeoutMs ?? Number(process.env.JUNCTION_SYNC_TIMEOUT_S ?? 30) * 1000);
  if (!done) return pendingResponse(id, "running");
  if (done.outcome) return runResponse(id, done.outcome);
  return (await loadRunResponse(deps.pool, id)) ?? error(500, "the execution disappeared", { executionId: id });
}

/**
 * `POST /webhooks/<token>`: the web process's own fast path. Reads and checks the body, commits
 * the execution and its job (grouped with concurrent requests), then answers — 202 with the
 * execution id, or, for a synchronous call, the run's result once it has finished.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { webhookUrl } from "../config/public-url";
import { errorResponse as error, loadRunResponse, runResponse, pendingResponse, type RunResponse } from "../executions/run-response";
import { cancelationKeyOf } from "./cancelation-key";
import { checkEndpointSecurity } from "./endpoint-security";
import type { EndpointCache } from "./endpoint-cache";
import { BackloggedError } from "../executions/backlog";
import type { Completion } from "../executions/completion/completion";
import type { Dispatch, Placement } from "../executions/dispatch";
import type { RunEnd } from "../executions/run-attempt";
import type { RunRequest } from "../executions/run-request";
import { BodyTooLargeError, readBody } from "./read-body";
import { isJson, parseQuery, triggerHeaders } from "./request-parts";
import { assertStorable, UnstorablePayloadError } from "./storable-payload";

export interface WebhookDeps {
  pool: pg.Pool;
  endpoints: EndpointCache;
  dispatch: Dispatch;
  completion: Completion;
  maxBodyBytes?: number;
  syncTimeoutMs?: number;
}

function send(res: ServerResponse, r: RunResponse) {
  try {
    res.writeHead(r.status, { ...r.headers, "content-length": String(r.body.length) });
  } catch (err) {
    // (answers are checked when the run is recorded; this is the last guard, for rows stored before that)
    const executionId = r.headers["x-junction-execution-id"];
    if (!executionId) throw err;
    const failed = error(500, `the run's answer could not be sent: ${(err as Error).message}`, { executionId });
    res.writeHead(failed.status, { ...failed.headers, "content-length": String(failed.body.length) });
    return void res.end(failed.body);
  }
  res.end(r.body);
}

/** thrown once the execution is committed: from then on a failure must name it, never say "nothing was started" */
class AfterAcceptError extends Error {
  constructor(
    readonly executionId: string,
    cause: unknown,
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

/** how long a synchronous call waits for a slot of this process's worker before it is queued for any worker */
const DIRECT_SLOT_WAIT_MS = 1_000;

/** the promise's value, or undefined once `ms` have passed (the work goes on) */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (err) => (clearTimeout(timer), reject(err)),
    );
  });
}

export function createWebhookHandler(deps: WebhookDeps) {
  const maxBody = deps.maxBodyBytes ?? Number(process.env.JUNCTION_MAX_BODY_MB ?? 25) * 1024 * 1024;
  const syncTimeout = deps.syncTimeoutMs ?? Number(process.env.JUNCTION_SYNC_TIMEOUT_S ?? 30) * 1000;

  async function handle(req: IncomingMessage): Promise<RunResponse> {
    if (req.method !== "POST") return error(405, "webhooks take POST");
    const token = (req.url ?? "").split("?")[0]!.slice("/webhooks/".length);
    const endpoint = token ? await deps.endpoints.get(token) : null;
    if (!endpoint) {
      req.resume();
      return error(404, "no webhook at this URL (unknown token, or the instance was deleted)");
    }
    if (!endpoint.enabled) {
      req.resume();
      return error(410, "this instance is disabled");
    }

    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return error(413, err.message);
      throw err;
    }
    const denied = checkEndpointSecurity(endpoint, req.headers, raw);
    if (denied) return error(401, denied);

    const contentType = String(req.headers["content-type"] ?? "");
    const payload: Record<string, unknown> = {
      headers: triggerHeaders(req.headers, endpoint.keepHeaders),
      query: parseQuery(req.url ?? ""),
      webhookUrl: webhookUrl(token),
    };
    let binary: Buffer | null = null;
    if (raw.length === 0) payload.body = null;
    else if (isJson(contentType)) {
      try {
        payload.body = JSON.parse(raw.toString("utf8"));
      } catch (err) {
        return error(400, `the body is not valid JSON: ${(err as Error).message}`);
      }
    } else {
      binary = raw;
      payload.bodyContentType = contentType || "application/octet-stream";
    }
    try {
      assertStorable("headers", payload.headers);
      assertStorable("query", payload.query);
      assertStorable("body", payload.body);
      assertStorable("content-type", payload.bodyContentType);
    } catch (err) {
      if (err instanceof UnstorablePayloadError) return error(400, err.message);
      throw err;
    }

    const override = String(req.headers["x-junction-synchronous"] ?? "").toLowerCase();
    const synchronous = override === "true" ? true : override === "false" ? false : endpoint.synchronous;
    const id = randomUUID();
    const row: RunRequest = {
      id,
      instanceId: endpoint.instanceId,
      integrationId: endpoint.integrationId,
      versionId: endpoint.versionId,
      customerId: endpoint.customerId,
      flowKey: endpoint.flowKey,
      source: "webhook",
      synchronous,
      triggerPayload: payload,
      triggerBody: binary,
      cancelationKey: cancelationKeyOf(endpoint.cancelationKey, payload),
      maxAttempts: synchronous ? 1 : endpoint.maxAttempts,
    };
    const arrived = Date.now();
    const remaining = () => Math.max(0, syncTimeout - (Date.now() - arrived));
    let placed: Placement;
    try {
      // a slot held by long runs must not hold the call up: after a while it is queued instead
      const local =
        synchronous && !endpoint.limited ? { facts: endpoint.run, maxWaitMs: Math.min(DIRECT_SLOT_WAIT_MS, syncTimeout / 2) } : undefined;
      placed = await deps.dispatch.place(row, { local, waitFor: synchronous });
    } catch (err) {
      if (err instanceof UnstorablePayloadError) return error(400, err.message);
      if (err instanceof BackloggedError) {
        const refused = error(429, err.message, { queued: err.figures.queued });
        return { ...refused, headers: { ...refused.headers, "retry-after": String(err.retryAfterSeconds) } };
      }
      throw err;
    }
    if ("local" in placed) {
      const started = placed.local;
      // past the timeout the caller gets 202 while the run goes on (and may fail)
      started.ended.catch((err) => console.error(`[webhook] execution ${id}: ${(err as Error).message}`));
      let ended: RunEnd | undefined;
      try {
        ended = await withTimeout(started.ended, remaining());
        // a 202 names the execution only once its row is committed
        if (ended === undefined) await started.recorded();
      } catch (err) {
        return error(500, `the run could not be recorded to its end: ${(err as Error).message}`, { executionId: id });
      }
      if (ended === undefined) return pendingResponse(id, "running");
      if (ended.stored) return runResponse(id, ended.stored);
      // (lost: this process stalled past the stale time and the run went on elsewhere — its answer is the one to give)
      if (ended.status !== "lost") return pendingResponse(id, ended.status);
    }
    if (!synchronous) return pendingResponse(id, "queued");
    try {
      const done = await deps.completion.of(id, remaining());
      if (!done) return pendingResponse(id, "running");
      if (done.outcome) return runResponse(id, done.outcome);
      return (await loadRunResponse(deps.pool, id)) ?? error(500, "the execution disappeared", { executionId: id });
    } catch (err) {
      throw new AfterAcceptError(id, err);
    }
  }

  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      send(res, await handle(req));
    } catch (err) {
      console.error(`[webhook] ${(err as Error).message}`);
      if (res.headersSent) return;
      if (err instanceof AfterAcceptError) {
        // the run exists: a retry by the caller would run it twice
        send(
          res,
          error(500, "the run was accepted but its answer could not be given; look it up by its id", { executionId: err.executionId }),
        );
      } else send(res, error(503, "the webhook could not be accepted; nothing was started — try again"));
    }
  };
}

/**
 * Makes one attempt of one alert delivery (a job of the alert delivery queue), off the
 * execution's path, and records it on the event row (delivered or failed, attempts, last error).
 * A failed attempt with attempts left queues the next, after an exponential backoff, in the same
 * transaction as the record: a restart in between loses nothing. Email goes out when
 * JUNCTION_SMTP_URL is set and is recorded as skipped otherwise.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Agent } from "undici";
import { networkPolicyFromEnv, type NetworkPolicy } from "@/components-registry/sandbox/limits";
import { createGuardedAgent, guardedFetch } from "@/components-registry/sandbox/host/guarded-fetch";
import type { PoolClient } from "pg";
import { queueDeliveries, type AlertDeliveryJob } from "./delivery-job";
import type { AlertContext } from "./evaluate-execution";
import type { DeliveryState, Destination } from "./monitor-schema";
import type { AlertDeps } from "./record-event";
import { webhookPayload } from "./render-template";

export interface DeliveryOptions {
  /** tries per delivery, the first included */
  attempts?: number;
  /** first backoff; each next one is 4× longer */
  baseDelayMs?: number;
  timeoutMs?: number;
}

function deliveryOptions(options: DeliveryOptions): Required<DeliveryOptions> {
  return {
    attempts: options.attempts ?? Number(process.env.JUNCTION_ALERT_WEBHOOK_ATTEMPTS ?? 4),
    baseDelayMs: options.baseDelayMs ?? Number(process.env.JUNCTION_ALERT_WEBHOOK_BACKOFF_MS ?? 2_000),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
}

async function record(client: PoolClient, eventId: string, index: number, state: DeliveryState) {
  await client.query(
    `update alert_events set deliveries = jsonb_set(coalesce(deliveries, '[]'::jsonb), array[$2::text], $3::jsonb) where id = $1`,
    [eventId, String(index), JSON.stringify(state)],
  );
}

/**
 * An alert's URL is written by an organization user: it goes through the same network guard as
 * actions (no private, loopback or link-local addresses unless allowed, each redirect checked), so
 * a monitor cannot be turned into a probe of the server's own network or its cloud metadata.
 */
let guarded: { key: string; agent: Agent; policy: NetworkPolicy } | undefined;
function network() {
  const policy = { ...networkPolicyFromEnv(), fetchMaxBytes: 1024 * 1024 };
  const key = JSON.stringify([policy.allowPrivateNetwork, policy.allowedHosts]);
  if (guarded?.key !== key) guarded = { key, agent: createGuardedAgent(policy), policy };
  return guarded;
}

async function postWebhook(d: Extract<Destination, { kind: "webhook" }>, context: AlertContext, timeoutMs: number) {
  const { agent, policy } = network();
  const headers: [string, string][] = Object.entries({ "content-type": "application/json", "user-agent": "Junction-Alerts", ...d.headers });
  const res = await guardedFetch(
    { url: d.url, method: "POST", headers, body: webhookPayload(d.template, context), timeoutMs },
    { agent, policy: { ...policy, fetchTimeoutMs: timeoutMs }, signal: AbortSignal.timeout(timeoutMs + 1_000) },
  );
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
}

let transport: { url: string; transporter: Transporter } | undefined;

/** The mail: the event's message first, then what it is about, then the whole context as JSON. */
export function alertEmail(context: AlertContext) {
  const about = [
    context.integration && `Integration: ${context.integration.name}`,
    context.customer && `Customer: ${context.customer.name}`,
    context.instance && `Instance: ${context.instance.name}`,
    context.execution &&
      `Execution: ${context.execution.id} (${context.execution.flowName ?? context.execution.flow}, ${context.execution.status}, attempt ${context.execution.attempt})`,
    `Monitor: ${context.monitor.name}`,
    `Raised: ${context.event.createdAt}`,
    // jobs queued before links were added have none
    context.url && `Open: ${context.url}`,
  ].filter(Boolean);
  return {
    subject: `[Junction] ${context.monitor.name}: ${context.event.message}`.slice(0, 200),
    text: `${context.event.message}\n\n${about.join("\n")}\n\n${JSON.stringify(context, null, 2)}\n`,
  };
}

async function sendEmail(url: string, d: Extract<Destination, { kind: "email" }>, context: AlertContext, timeoutMs: number) {
  if (transport?.url !== url)
    transport = {
      url,
      transporter: nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
    };
  await transport.transporter.sendMail({
    from: process.env.JUNCTION_SMTP_FROM ?? "Junction <junction@localhost>",
    to: d.to,
    ...alertEmail(context),
  });
}

/**
 * One attempt of one delivery; never throws for the receiver's failures (they are recorded).
 * Returns when the next attempt is due, if one was queued.
 */
export async function deliverAlert(
  { pool, boss }: AlertDeps,
  job: AlertDeliveryJob,
  options: DeliveryOptions = {},
): Promise<{ retryAt?: Date }> {
  const o = deliveryOptions(options);
  const d = job.destination;
  const state: DeliveryState = { kind: d.kind, target: d.kind === "webhook" ? d.url : d.to, status: "pending", attempts: job.attempt };
  const smtp = process.env.JUNCTION_SMTP_URL;
  let outcome: DeliveryState;
  let retryAt: Date | undefined;
  if (d.kind === "email" && !smtp) {
    outcome = { ...state, status: "skipped", attempts: 0, lastError: "SMTP is not configured (JUNCTION_SMTP_URL)" };
  } else {
    try {
      if (d.kind === "webhook") await postWebhook(d, job.context, o.timeoutMs);
      else await sendEmail(smtp!, d, job.context, o.timeoutMs);
      outcome = { ...state, status: "delivered" };
    } catch (err) {
      const message = (err as Error).message;
      // a template that does not render to JSON fails the same way every time: no retry
      const final = job.attempt >= o.attempts || err instanceof SyntaxError;
      outcome = {
        ...state,
        status: final ? "failed" : "pending",
        lastError: err instanceof SyntaxError ? `the template does not render to JSON: ${message}` : message,
      };
      if (!final) retryAt = new Date(Date.now() + o.baseDelayMs * 4 ** (job.attempt - 1));
    }
  }
  const client = await pool.connect();
  try {
    await client.query("begin");
    await record(client, job.eventId, job.index, { ...outcome, at: new Date().toISOString() });
    if (retryAt) await queueDeliveries(boss, client, [{ job: { ...job, attempt: job.attempt + 1 }, startAfter: retryAt }]);
    await client.query("commit");
    return { retryAt };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Sends an alert event to its destinations, off the execution's path: webhooks are retried with
 * exponential backoff and recorded (delivered or failed, attempts, last error) on the event row;
 * email goes out when JUNCTION_SMTP_URL is set and is recorded as skipped otherwise.
 */
import type pg from "pg";
import nodemailer, { type Transporter } from "nodemailer";
import type { AlertContext } from "./evaluate-execution";
import type { DeliveryState, Destination } from "./monitor-schema";
import { webhookPayload } from "./render-template";

export interface DeliveryOptions {
  /** tries per webhook, the first included */
  attempts?: number;
  /** first backoff; each next one is 4× longer */
  baseDelayMs?: number;
  timeoutMs?: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms).unref?.());

async function record(pool: pg.Pool, eventId: string, index: number, state: DeliveryState) {
  await pool.query(`update alert_events set deliveries = jsonb_set(coalesce(deliveries, '[]'::jsonb), array[$2::text], $3::jsonb) where id = $1`, [
    eventId,
    String(index),
    JSON.stringify(state),
  ]);
}

async function postWebhook(d: Extract<Destination, { kind: "webhook" }>, body: string, timeoutMs: number) {
  const res = await fetch(d.url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Junction-Alerts", ...d.headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

async function deliverWebhook(pool: pg.Pool, eventId: string, index: number, d: Extract<Destination, { kind: "webhook" }>, context: AlertContext, o: Required<DeliveryOptions>) {
  const state: DeliveryState = { kind: "webhook", target: d.url, status: "pending", attempts: 0 };
  let body: string;
  try {
    body = webhookPayload(d.template, context);
  } catch (err) {
    await record(pool, eventId, index, { ...state, status: "failed", lastError: `the template does not render to JSON: ${(err as Error).message}`, at: new Date().toISOString() });
    return;
  }
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    state.attempts = attempt;
    try {
      await postWebhook(d, body, o.timeoutMs);
      await record(pool, eventId, index, { ...state, status: "delivered", lastError: undefined, at: new Date().toISOString() });
      return;
    } catch (err) {
      state.lastError = (err as Error).message;
      const last = attempt === o.attempts;
      await record(pool, eventId, index, { ...state, status: last ? "failed" : "pending", at: new Date().toISOString() });
      if (!last) await wait(o.baseDelayMs * 4 ** (attempt - 1));
    }
  }
}

let transport: Transporter | undefined;

async function deliverEmail(pool: pg.Pool, eventId: string, index: number, d: Extract<Destination, { kind: "email" }>, context: AlertContext) {
  const url = process.env.JUNCTION_SMTP_URL;
  const base: DeliveryState = { kind: "email", target: d.to, status: "skipped", attempts: 0, at: new Date().toISOString() };
  if (!url) return record(pool, eventId, index, { ...base, lastError: "SMTP is not configured (JUNCTION_SMTP_URL)" });
  try {
    transport ??= nodemailer.createTransport(url);
    await transport.sendMail({
      from: process.env.JUNCTION_SMTP_FROM ?? "Junction <junction@localhost>",
      to: d.to,
      subject: `[Junction] ${context.monitor.name}: ${context.event.condition}`,
      text: `${context.event.message}\n\n${JSON.stringify(context, null, 2)}`,
    });
    await record(pool, eventId, index, { ...base, status: "delivered", attempts: 1 });
  } catch (err) {
    await record(pool, eventId, index, { ...base, status: "failed", attempts: 1, lastError: (err as Error).message });
  }
}

/** Delivers to every destination at once; resolves when each is delivered or given up. */
export async function deliverEvent(pool: pg.Pool, eventId: string, destinations: Destination[], context: AlertContext, options: DeliveryOptions = {}): Promise<void> {
  const o = {
    attempts: options.attempts ?? Number(process.env.JUNCTION_ALERT_WEBHOOK_ATTEMPTS ?? 4),
    baseDelayMs: options.baseDelayMs ?? Number(process.env.JUNCTION_ALERT_WEBHOOK_BACKOFF_MS ?? 2_000),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  await Promise.all(
    destinations.map((d, i) => {
      if (d.kind === "webhook") return deliverWebhook(pool, eventId, i, d, context, o);
      if (d.kind === "email") return deliverEmail(pool, eventId, i, d, context);
      return undefined; // the feed: the row itself
    }),
  ).catch((err) => console.error(`[alerts] delivering ${eventId}: ${(err as Error).message}`));
}

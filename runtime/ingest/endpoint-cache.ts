/**
 * Webhook token → what an invocation needs to know (instance, pinned version, the flow's
 * execution settings, and what a synchronous run started here needs: config values, sealed
 * credentials, names), cached in memory: the hot path must not join five tables per request.
 * Entries live a few seconds and are dropped whenever any instance changes (NOTIFY). Unknown
 * tokens are anyone's to invent: they are remembered in a small map of their own, so guessing
 * can neither grow memory nor push the real endpoints out.
 */
import type pg from "pg";
import { flowKey, type Flow, type Input } from "../definition";
import type { DirectRunFacts } from "../executions/run-context";

export interface Endpoint {
  token: string;
  instanceId: string;
  integrationId: string;
  versionId: string;
  customerId: string;
  enabled: boolean;
  flowKey: string;
  synchronous: boolean;
  /** runs of the flow are limited (sequential, throttled, a rate limit): they must take their turn in the queue */
  limited: boolean;
  maxAttempts: number;
  cancelationKey?: Input;
  security: EndpointSecurity;
  /** caller credential headers the flow keeps (trigger.keepHeaders) */
  keepHeaders: string[];
  /** the instance's endpoint secrets (sealed), checked only when security asks for them */
  endpointSecrets: string | null;
  /** what a run started in this process needs of the instance (run-context.ts `directRunContext`) */
  run: DirectRunFacts;
}

export type EndpointSecurity = "none" | "apiKey" | "hmac";

export interface EndpointCache {
  get(token: string): Promise<Endpoint | null>;
  clear(): void;
  /** entries held (for tests and health) */
  size(): { known: number; unknown: number };
}

/** what a webhook token looks like (newWebhookToken: 24 random bytes, base64url); anything else is not looked up */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export function createEndpointCache(pool: pg.Pool, ttlMs = 5_000, maxUnknown = 1_000): EndpointCache {
  type Entry = { at: number; value: Promise<Endpoint | null> };
  const entries = new Map<string, Entry>();
  const unknown = new Map<string, Entry>();

  async function load(token: string): Promise<Endpoint | null> {
    const r = await pool.query(
      `select f.instance_id, f.flow_key, i.enabled, i.integration_id, i.version_id, i.customer_id, i.endpoint_secrets,
              v.definition -> 'flows' as flows,
              i.name as instance_name, i.config_values, i.credentials, c.name as customer_name, c.external_id,
              (select json_object_agg(o.flow_key, o.webhook_token) from instance_flows o where o.instance_id = i.id) as tokens
         from instance_flows f
         join instances i on i.id = f.instance_id
         join customers c on c.id = i.customer_id
         join integration_versions v on v.id = i.version_id
        where f.webhook_token = $1`,
      [token],
    );
    const row = r.rows[0];
    if (!row) return null;
    const flow = (row.flows as Flow[]).find((f) => flowKey(f.name) === row.flow_key);
    const execution = flow?.execution as (Flow["execution"] & { endpointSecurity?: EndpointSecurity }) | undefined;
    return {
      token,
      instanceId: row.instance_id,
      integrationId: row.integration_id,
      versionId: row.version_id,
      customerId: row.customer_id,
      enabled: row.enabled,
      flowKey: row.flow_key,
      synchronous: !!execution?.synchronous,
      limited: (!!execution?.concurrency && execution.concurrency.mode !== "parallel") || !!execution?.rateLimit,
      maxAttempts: 1 + (execution?.retry?.maxAttempts ?? 0),
      cancelationKey: execution?.retry?.cancelationKey,
      security: execution?.endpointSecurity ?? "none",
      keepHeaders: (flow?.trigger.type === "webhook" && flow.trigger.keepHeaders) || [],
      endpointSecrets: row.endpoint_secrets,
      run: {
        instanceName: row.instance_name,
        customerName: row.customer_name,
        customerExternalId: row.external_id,
        configValues: row.config_values,
        credentials: row.credentials,
        tokens: row.tokens ?? {},
      },
    };
  }

  return {
    get(token) {
      if (!TOKEN.test(token)) return Promise.resolve(null);
      const now = Date.now();
      const hit = entries.get(token) ?? unknown.get(token);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const entry = { at: now, value: load(token) };
      entries.set(token, entry);
      entry.value.then(
        (endpoint) => {
          if (endpoint || entries.get(token) !== entry) return;
          entries.delete(token);
          unknown.delete(token);
          // the oldest guess goes first (a Map keeps insertion order)
          if (unknown.size >= maxUnknown) unknown.delete(unknown.keys().next().value!);
          unknown.set(token, entry);
        },
        () => entries.get(token) === entry && entries.delete(token),
      );
      return entry.value;
    },
    clear: () => {
      entries.clear();
      unknown.clear();
    },
    size: () => ({ known: entries.size, unknown: unknown.size }),
  };
}

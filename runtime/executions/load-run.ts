/**
 * Everything one run needs, read from the database: the execution, the definition it runs (the
 * instance's pinned version — cached, versions never change — or a test run's draft), the config
 * values with credentials decrypted, and the trigger payload with binary bodies restored.
 */
import type pg from "pg";
import type { Definition } from "../definition";
import { webhookUrl } from "../config/public-url";
import type { EndpointRunFacts } from "../ingest/endpoint-cache";
import type { NewExecution } from "../ingest/new-execution";
import { decryptJson } from "../security/secret-box";

export interface RunContext {
  executionId: string;
  status: string;
  attempt: number;
  maxAttempts: number;
  isTest: boolean;
  synchronous: boolean;
  flowKey: string;
  instance: { id: string; name: string } | null;
  customer: { id: string; name: string; externalId: string | null } | null;
  integrationId: string | null;
  /** whose persisted data the run reads and writes */
  stateOwnerId: string;
  definition: Definition;
  configVars: Record<string, unknown>;
  trigger: Record<string, unknown>;
  webhookUrls: Record<string, string>;
}

/** The run is claimed but cannot be read (its version is gone, a secret no longer decrypts). */
export class UnreadableRunError extends Error {
  constructor(
    message: string,
    readonly attempt: number,
  ) {
    super(message);
  }
}

const definitions = new Map<string, Definition>();

async function versionDefinition(pool: pg.Pool, versionId: string): Promise<Definition> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const r = await pool.query("select definition from integration_versions where id = $1", [versionId]);
  if (!r.rows[0]) throw new Error(`integration version ${versionId} no longer exists`);
  if (definitions.size > 500) definitions.clear();
  definitions.set(versionId, r.rows[0].definition);
  return r.rows[0].definition;
}

/** The stored trigger payload, with a binary body put back as `{ contentType, data: bytes }`. */
export function restoreTrigger(payload: Record<string, unknown> | null, body: Buffer | null): Record<string, unknown> {
  const trigger = { ...(payload ?? {}) };
  if (body) {
    trigger.body = { contentType: trigger.bodyContentType ?? "application/octet-stream", data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  }
  delete trigger.bodyContentType;
  return trigger;
}

/** What a run needs, read from `claimed` (a CTE holding the claimed execution row). */
const READ_CLAIMED = `select e.id, e.status, e.attempt, e.max_attempts, e.is_test, e.synchronous, e.flow_key, e.trigger_payload, e.trigger_body,
            e.version_id, e.test_definition, e.integration_id,
            i.id as instance_id, i.name as instance_name, i.config_values, i.credentials,
            c.id as customer_id, c.name as customer_name, c.external_id,
            g.test_config, g.test_secrets,
            (select json_object_agg(f.flow_key, f.webhook_token) from instance_flows f where f.instance_id = e.instance_id) as tokens
       from claimed e
       left join instances i on i.id = e.instance_id
       left join customers c on c.id = e.customer_id
       left join integrations g on g.id = e.integration_id`;

/** why runs of a disabled instance end without running (disabling cancels them; a late one is canceled when claimed) */
export const CANCELED_BY_DISABLING = "canceled: the instance was disabled";

/**
 * Claims a queued execution for this worker and reads everything the run needs, in one statement:
 * the row moves to `running` with its attempt recorded, or nothing happens (canceled, or another
 * worker has it, or its instance is disabled — then it is canceled) and null comes back.
 */
export async function claimRun(pool: pg.Pool, executionId: string, workerId: string): Promise<RunContext | null> {
  const r = await pool.query({
    name: "junction.run.claim",
    text: `with claimed as (
       update executions set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), worker_id = $2
        where id = $1 and status in ('queued', 'retry_pending')
          and (instance_id is null or (select i.enabled from instances i where i.id = executions.instance_id))
        returning *
     ), attempt as (
       insert into execution_attempts (execution_id, attempt, status, worker_id) select id, attempt, 'running', $2 from claimed
     )
     ${READ_CLAIMED}`,
    values: [executionId, workerId],
  });
  if (r.rows[0]) return toRunContext(pool, r.rows[0]);
  // (rare: accepted by a process that had not yet heard of the disabling)
  await pool.query(
    `update executions set status = 'canceled', finished_at = now(), error = jsonb_build_object('message', $2::text)
      where id = $1 and status in ('queued', 'retry_pending')
        and not coalesce((select i.enabled from instances i where i.id = executions.instance_id), true)`,
    [executionId, CANCELED_BY_DISABLING],
  );
  return null;
}

/**
 * What a synchronous webhook's run started in this process needs, from the endpoint cache, with
 * no statement before it runs: its row is written with its first batch of step results or its
 * outcome (open-execution.ts).
 */
export function directRunContext(pool: pg.Pool, row: NewExecution, facts: EndpointRunFacts): Promise<RunContext> {
  return toRunContext(pool, {
    id: row.id,
    status: "running",
    attempt: 1,
    max_attempts: 1,
    is_test: false,
    synchronous: true,
    flow_key: row.flowKey,
    trigger_payload: row.triggerPayload,
    trigger_body: row.triggerBody ?? null,
    version_id: row.versionId,
    test_definition: null,
    integration_id: row.integrationId,
    instance_id: row.instanceId,
    instance_name: facts.instanceName,
    config_values: facts.configValues,
    credentials: facts.credentials,
    customer_id: row.customerId,
    customer_name: facts.customerName,
    external_id: facts.customerExternalId,
    tokens: facts.tokens,
  });
}

/** a row of READ_CLAIMED (or one built like it), as pg returns it (untyped) */
async function toRunContext(pool: pg.Pool, row: any): Promise<RunContext> {
  let definition: Definition;
  let configVars: Record<string, unknown>;
  try {
    definition = row.test_definition ?? (await versionDefinition(pool, row.version_id));
    const [plain, sealed] = row.is_test ? [row.test_config, row.test_secrets] : [row.config_values, row.credentials];
    configVars = { ...(plain ?? {}), ...(sealed ? decryptJson<Record<string, unknown>>(sealed) : {}) };
  } catch (err) {
    throw new UnreadableRunError((err as Error).message, row.attempt);
  }
  const tokens = (row.tokens ?? {}) as Record<string, string>;

  return {
    executionId: row.id,
    status: row.status,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    isTest: row.is_test,
    synchronous: row.synchronous,
    flowKey: row.flow_key,
    instance: row.instance_id ? { id: row.instance_id, name: row.instance_name } : null,
    customer: row.customer_id ? { id: row.customer_id, name: row.customer_name, externalId: row.external_id } : null,
    integrationId: row.integration_id,
    stateOwnerId: row.instance_id ?? row.integration_id,
    definition,
    configVars,
    trigger: restoreTrigger(row.trigger_payload, row.trigger_body),
    webhookUrls: Object.fromEntries(Object.entries(tokens).map(([flow, token]) => [flow, webhookUrl(token)])),
  };
}

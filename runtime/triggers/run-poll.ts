/**
 * One poll of a polling component trigger for an instance flow:
 *
 * 1. claim the slot in trigger_cursors (a slot already polled — a repeated job, a second leader —
 *    is skipped), reading the cursor of the last committed poll;
 * 2. run the trigger's `poll` in the sandbox with the instance's config;
 * 3. in ONE transaction, accept one execution per item (`trigger.results.body` is the item) and
 *    store the new cursor — so the cursor never gets ahead of the executions;
 * 4. only then run `acknowledge(items)` in the same sandbox execution (an AMQP consumer acks on
 *    the channel it read from).
 *
 * Delivery is at least once: a worker that dies after the poll and before the commit leaves the
 * cursor where it was (and a queue's unacked messages go back when the channel closes), so the
 * next slot's poll returns those items again; one that dies after the commit and before the
 * acknowledgement has created the executions, and the queue redelivers the messages.
 *
 * A failed poll leaves the cursor, and is recorded as a failed execution of the flow (source
 * "poll") with the error and the trigger's log lines, so it shows on the instance's runs and the
 * monitoring pages like any failed run, and is announced as a finished run is (the alert engine
 * evaluates its monitors on it). Empty polls leave no trace.
 */
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type pg from "pg";
import type { ActionRunner, LogLevel, TriggerInvocation } from "@/components-registry/contract";
import { withTransaction } from "@/db/transaction";
import { acceptRequests } from "../executions/store";
import { CHANNELS } from "../queue/channels";
import { resolveConnections } from "../oauth2/run-connections";
import type { RunRequest } from "../executions/run-request";
import { noState } from "./no-state";
import { flowTrigger, readInstanceFacts, triggerFacts, triggerInputs, type InstanceFacts, type FlowTrigger } from "./instance-facts";
import type { PollJob } from "./poll-queue";

/** items one poll may return (the trigger carries the rest in its cursor) */
export const maxPollItems = () => Number(process.env.JUNCTION_TRIGGER_MAX_ITEMS ?? 100);

export interface PollDeps {
  pool: pg.Pool;
  boss: PgBoss;
  runner: ActionRunner;
  /** called after executions were committed (wakes this process's worker) */
  accepted?: () => void;
  /** tests: runs after the poll and before the commit (throwing there is a worker dying there) */
  beforeCommit?: (items: unknown[]) => Promise<void> | void;
}

export type PollOutcome =
  | { status: "skipped"; reason: string }
  | { status: "polled"; executionIds: string[]; cursor: unknown }
  | { status: "failed"; executionId: string; message: string };

export async function runPoll(deps: PollDeps, job: PollJob): Promise<PollOutcome> {
  const { pool, runner } = deps;
  if (!runner.runTrigger) return { status: "skipped", reason: "the runner runs no triggers" };
  const facts = await readInstanceFacts(pool, job.instanceId);
  if (!facts) return { status: "skipped", reason: "the instance no longer exists" };
  if (!facts.enabled) return { status: "skipped", reason: "the instance is disabled" };
  const ft = flowTrigger(facts.definition, job.flowKey);
  if (!ft) return { status: "skipped", reason: "the flow has no component trigger" };

  const claimed = await pool.query(
    `insert into trigger_cursors (instance_id, flow_key, polled_slot) values ($1, $2, $3)
     on conflict (instance_id, flow_key) do update set polled_slot = excluded.polled_slot, updated_at = now()
       where trigger_cursors.polled_slot < excluded.polled_slot
     returning cursor`,
    [job.instanceId, job.flowKey, job.slot],
  );
  if (claimed.rowCount === 0) return { status: "skipped", reason: `slot ${job.slot} was already polled` };
  // stored as { trigger, value }: a flow switched to another trigger starts afresh, not from a cursor it cannot read
  const name = `${ft.component}.${ft.trigger.trigger}`;
  const stored = claimed.rows[0].cursor as { trigger?: string; value?: unknown } | null;
  const cursor = stored?.trigger === name ? (stored.value ?? undefined) : undefined;

  // poll and acknowledge share this id, so they share the execution's host connections
  const pollId = randomUUID();
  const lines: { level: LogLevel; message: string }[] = [];
  let base: Omit<TriggerInvocation, "phase"> | undefined;
  try {
    let polled: { items: unknown[]; cursor: unknown };
    try {
      // OAuth 2.0 connections' config values become fresh access tokens, as for a run
      await resolveConnections(pool, facts.definition, facts.configVars);
      base = invocationBase(facts, ft, pollId, lines);
      polled = checkPoll(await runner.runTrigger({ ...base, phase: "poll", cursor }));
    } catch (err) {
      const message = `Poll of ${ft.component}.${ft.trigger.trigger} failed: ${(err as Error).message}`;
      return { status: "failed", executionId: await recordFailure(pool, facts, job, message, lines), message };
    }
    const requests: RunRequest[] = polled.items.map((item) => ({
      id: randomUUID(),
      instanceId: facts.instanceId,
      integrationId: facts.integrationId,
      versionId: facts.versionId,
      customerId: facts.customer.id,
      flowKey: job.flowKey,
      source: "poll",
      triggerPayload: { body: item, trigger: `${ft.component}.${ft.trigger.trigger}`, polledAt: new Date().toISOString() },
    }));
    await deps.beforeCommit?.(polled.items);
    const nextCursor = polled.cursor === undefined ? (cursor ?? null) : polled.cursor;
    const ids = await withTransaction(pool, async (client) => {
      const accepted = await acceptRequests(deps.boss, client, requests);
      await client.query(`update trigger_cursors set cursor = $3, updated_at = now() where instance_id = $1 and flow_key = $2`, [
        job.instanceId,
        job.flowKey,
        JSON.stringify({ trigger: name, value: nextCursor }),
      ]);
      return accepted;
    });
    if (ids.length > 0) deps.accepted?.();
    if (polled.items.length > 0 && base) {
      try {
        await runner.runTrigger({ ...base, phase: "acknowledge", items: polled.items });
      } catch (err) {
        // the executions exist; unacknowledged items come again (at least once)
        console.error(`[triggers] acknowledge of ${ft.component}.${ft.trigger.trigger} failed: ${(err as Error).message}`);
      }
    }
    return { status: "polled", executionIds: ids, cursor: nextCursor };
  } finally {
    await runner.endExecution?.(pollId);
  }
}

function invocationBase(
  facts: InstanceFacts,
  ft: FlowTrigger,
  executionId: string,
  lines: { level: LogLevel; message: string }[],
): Omit<TriggerInvocation, "phase"> {
  return {
    component: ft.component,
    version: ft.version,
    trigger: ft.trigger.trigger,
    inputs: triggerInputs(ft.trigger, facts.configVars),
    facts: triggerFacts(facts, ft, executionId),
    configVarsWithoutCredentials: facts.plainConfigVars,
    logger: { log: (level, message) => void (lines.length < 100 && lines.push({ level, message })) },
    state: noState,
  };
}

function checkPoll(result: unknown): { items: unknown[]; cursor: unknown } {
  const r = result as { items?: unknown; cursor?: unknown } | null;
  if (!r || !Array.isArray(r.items)) throw new Error("poll must return { items: [...], cursor }");
  const max = maxPollItems();
  if (r.items.length > max) {
    throw new Error(
      `poll returned ${r.items.length} items; at most ${max} a poll (JUNCTION_TRIGGER_MAX_ITEMS): carry the rest in the cursor`,
    );
  }
  for (const [i, item] of r.items.entries()) {
    if (item instanceof Uint8Array) throw new Error(`item ${i} is bytes: return plain JSON data (text, or bytes as base64)`);
  }
  return { items: r.items, cursor: r.cursor };
}

/** a failed execution of the flow, with the error and the trigger's log lines */
async function recordFailure(
  pool: pg.Pool,
  facts: InstanceFacts,
  job: PollJob,
  message: string,
  lines: { level: LogLevel; message: string }[],
): Promise<string> {
  const id = randomUUID();
  await withTransaction(pool, async (client) => {
    await client.query(
      `insert into executions (id, instance_id, integration_id, version_id, customer_id, flow_key, source, status,
                               trigger_payload, error, started_at, finished_at, duration_ms)
       values ($1, $2, $3, $4, $5, $6, 'poll', 'failed', $7, $8, now(), now(), 0)`,
      [
        id,
        facts.instanceId,
        facts.integrationId,
        facts.versionId,
        facts.customer.id,
        job.flowKey,
        JSON.stringify({ polledAt: new Date().toISOString() }),
        JSON.stringify({ message }),
      ],
    );
    const all = [...lines, { level: "error" as const, message }];
    await client.query(
      `insert into execution_logs (execution_id, step_key, level, message)
       select $1, 'trigger', l.level, l.message from unnest($2::text[], $3::text[]) as l(level, message)`,
      [id, all.map((l) => l.level), all.map((l) => l.message)],
    );
    // as a finished run's: the alert engine evaluates its monitors, live views refresh
    await client.query(`select pg_notify($1, $2)`, [CHANNELS.done, `${id}:failed:${facts.instanceId}:${facts.integrationId}`]);
  });
  console.error(`[triggers] instance ${facts.instanceId} flow ${job.flowKey}: ${message}`);
  return id;
}

/**
 * A designer or CLI test run: the integration's draft (unpublished), its test config values and
 * credentials, through the same queue, worker and executor as live runs — marked as a test.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { flowKey, type Definition } from "../definition";
import type { IngestBatcher } from "../executions/accept-batcher";

export interface TestRunInput {
  integrationId: string;
  /** the draft to run (the designer sends what is on screen); the stored draft when omitted */
  definition?: Definition;
  /** flow name or key; the first flow when omitted */
  flow?: string;
  body?: unknown;
  /** a file payload instead of JSON */
  binary?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

export class TestRunError extends Error {}

export async function startTestRun(pool: pg.Pool, batcher: IngestBatcher, input: TestRunInput) {
  let definition = input.definition;
  if (!definition) {
    const r = await pool.query("select draft from integrations where id = $1", [input.integrationId]);
    if (!r.rows[0]) throw new TestRunError("integration not found");
    definition = r.rows[0].draft as Definition;
  }
  const flow = input.flow ? definition.flows.find((f) => f.name === input.flow || flowKey(f.name) === input.flow) : definition.flows[0];
  if (!flow) throw new TestRunError(`no flow named "${input.flow}" (flows: ${definition.flows.map((f) => f.name).join(", ")})`);

  const headers = Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const payload: Record<string, unknown> =
    flow.trigger.type === "schedule"
      ? { scheduledAt: new Date().toISOString(), firedAt: new Date().toISOString() }
      : { headers, query: {}, webhookUrl: null, body: input.binary ? undefined : (input.body ?? null) };
  if (input.binary) payload.bodyContentType = input.binary.contentType;

  const id = randomUUID();
  await batcher.add({
    id,
    instanceId: null,
    integrationId: input.integrationId,
    versionId: null,
    customerId: null,
    flowKey: flowKey(flow.name),
    source: "test",
    isTest: true,
    triggerPayload: payload,
    triggerBody: input.binary?.data ?? null,
    testDefinition: definition,
  });
  return { id, flow: flow.name };
}

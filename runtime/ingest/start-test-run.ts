/**
 * A designer or CLI test run: the integration's draft (unpublished), its test config values and
 * credentials, through the same queue, worker and executor as live runs — marked as a test.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { checkDraft, describeProblem, flowKey, type Definition } from "../definition";
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
  query?: Record<string, string | string[]>;
  /** the execution's id, when the caller must know it before the commit (to wait for the run's end) */
  id?: string;
}

export class TestRunError extends Error {}

/** Larger payloads are not kept as the flow's sample: the data picker needs field names, not megabytes. */
const MAX_SAMPLE_BYTES = 256 * 1024;
const CREDENTIAL_HEADER = /auth|cookie|token|secret|key|signature|password/i;

/** The flow's sample payload becomes this run's, so the designer's data picker offers its fields before and after. */
async function saveSamplePayload(
  pool: pg.Pool,
  integrationId: string,
  flow: string,
  { headers, query, body }: { headers: Record<string, string>; query: Record<string, unknown>; body: unknown },
) {
  // the picker needs header names; values that may authenticate are not kept beside the draft
  const kept = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, CREDENTIAL_HEADER.test(k) ? "[redacted]" : v]));
  const sample = JSON.stringify({ body, headers: kept, query });
  if (Buffer.byteLength(sample) > MAX_SAMPLE_BYTES) return;
  await pool.query("update integrations set test_payloads = test_payloads || jsonb_build_object($2::text, $3::jsonb) where id = $1", [
    integrationId,
    flow,
    sample,
  ]);
}

export async function startTestRun(pool: pg.Pool, batcher: IngestBatcher, input: TestRunInput) {
  let definition = input.definition;
  if (!definition) {
    const r = await pool.query("select draft from integrations where id = $1", [input.integrationId]);
    if (!r.rows[0]) throw new TestRunError("integration not found");
    definition = r.rows[0].draft as Definition;
  }
  const checked = checkDraft(definition);
  const problems = checked.ok ? checked.problems : checked.errors;
  if (problems.length > 0) {
    const n = problems.length;
    const list = problems.slice(0, 10).map((e) => `- ${describeProblem(definition, e).text}`);
    throw new TestRunError(
      `This draft has ${n} problem${n === 1 ? "" : "s"}; fix ${n === 1 ? "it" : "them"} before testing:\n${list.join("\n")}`,
    );
  }
  const flow = input.flow ? definition.flows.find((f) => f.name === input.flow || flowKey(f.name) === input.flow) : definition.flows[0];
  if (!flow) throw new TestRunError(`no flow named "${input.flow}" (flows: ${definition.flows.map((f) => f.name).join(", ")})`);

  const headers = Object.fromEntries(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const payload: Record<string, unknown> =
    flow.trigger.type === "schedule"
      ? { scheduledAt: new Date().toISOString(), firedAt: new Date().toISOString() }
      : { headers, query: input.query ?? {}, webhookUrl: null, body: input.binary ? undefined : (input.body ?? null) };
  if (input.binary) payload.bodyContentType = input.binary.contentType;
  else if (flow.trigger.type !== "schedule")
    await saveSamplePayload(pool, input.integrationId, flowKey(flow.name), { headers, query: input.query ?? {}, body: input.body ?? null });

  const id = input.id ?? randomUUID();
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

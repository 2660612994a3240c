import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instanceFlows, instances, integrationVersions } from "@/db/schema";
import { webhookUrl } from "@/runtime/config/public-url";
import { flowKey, type Definition } from "@/runtime/definition";
import type { IngestBatcher } from "@/runtime/executions/accept-batcher";
import { notFound, ServiceError } from "../errors";

const lowerCased = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

export interface TestInstanceFlowInput {
  instanceId: string;
  /** the flow's key */
  flow: string;
  body?: unknown;
  /** a file payload (a PDF, an image) instead of JSON: the trigger's body is then `{ contentType, data }` */
  binary?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

/**
 * Runs one of an instance's flows with its own version and config, as a TEST execution (is_test):
 * the queue, worker and executor of a live run, but it never counts in failure rates or the
 * dashboard, never fires an alert and is never retried, like a designer test run. Returns the run's id.
 */
export async function testInstanceFlow(db: Db, batcher: IngestBatcher, input: TestInstanceFlowInput) {
  const [instance] = await db
    .select({
      id: instances.id,
      enabled: instances.enabled,
      integrationId: instances.integrationId,
      customerId: instances.customerId,
      versionId: instances.versionId,
      definition: integrationVersions.definition,
    })
    .from(instances)
    .innerJoin(integrationVersions, eq(integrationVersions.id, instances.versionId))
    .where(eq(instances.id, input.instanceId));
  if (!instance) throw notFound("instance");
  // a disabled instance's runs are canceled when claimed
  if (!instance.enabled) throw new ServiceError("BAD_REQUEST", "This instance is disabled: enable it to test its flows.");
  const definition = instance.definition as Definition;
  const flow = definition.flows.find((f) => flowKey(f.name) === input.flow);
  const [row] = await db
    .select({ token: instanceFlows.webhookToken })
    .from(instanceFlows)
    .where(and(eq(instanceFlows.instanceId, instance.id), eq(instanceFlows.flowKey, input.flow)));
  if (!flow || !row) throw new ServiceError("BAD_REQUEST", `This instance has no flow "${input.flow}".`);

  const now = new Date().toISOString();
  const triggerPayload: Record<string, unknown> =
    flow.trigger.type === "schedule"
      ? { scheduledAt: now, firedAt: now }
      : {
          headers: { "content-type": input.binary?.contentType ?? "application/json", ...lowerCased(input.headers ?? {}) },
          query: {},
          webhookUrl: webhookUrl(row.token),
          ...(input.binary ? { bodyContentType: input.binary.contentType } : { body: input.body ?? null }),
        };
  const id = randomUUID();
  await batcher.add({
    id,
    instanceId: instance.id,
    integrationId: instance.integrationId,
    versionId: instance.versionId,
    customerId: instance.customerId,
    flowKey: input.flow,
    source: "test",
    isTest: true,
    triggerPayload,
    triggerBody: input.binary?.data ?? null,
  });
  return { id };
}

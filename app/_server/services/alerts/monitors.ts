/** Alert monitors: list, create, update, delete. Input is validated by the shared monitor schema. */
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertMonitors, instances, integrations } from "@/db/schema";
import type { Condition, Destination, MonitorInput } from "@/runtime/alerts/monitor-schema";
import { notFound, ServiceError } from "../errors";

export async function listMonitors(db: Db) {
  const rows = await db
    .select({
      id: alertMonitors.id,
      name: alertMonitors.name,
      instanceId: alertMonitors.instanceId,
      instance: instances.name,
      integrationId: sql<string | null>`coalesce(${alertMonitors.integrationId}, ${instances.integrationId})`,
      integration: integrations.name,
      conditions: alertMonitors.conditions,
      destinations: alertMonitors.destinations,
      quietPeriodMinutes: alertMonitors.quietPeriodMinutes,
      enabled: alertMonitors.enabled,
      createdAt: alertMonitors.createdAt,
    })
    .from(alertMonitors)
    .leftJoin(instances, eq(instances.id, alertMonitors.instanceId))
    .leftJoin(integrations, sql`${integrations.id} = coalesce(${alertMonitors.integrationId}, ${instances.integrationId})`)
    .orderBy(desc(alertMonitors.createdAt));
  return rows.map((r) => ({ ...r, conditions: r.conditions as Condition[], destinations: r.destinations as Destination[] }));
}

async function assertTarget(db: Db, input: MonitorInput) {
  if (input.instanceId) {
    const [i] = await db.select({ id: instances.id }).from(instances).where(eq(instances.id, input.instanceId));
    if (!i) throw notFound("instance");
  }
  if (input.integrationId) {
    const [g] = await db.select({ id: integrations.id }).from(integrations).where(eq(integrations.id, input.integrationId));
    if (!g) throw notFound("integration");
  }
}

const columns = (input: MonitorInput) => ({
  name: input.name,
  instanceId: input.instanceId ?? null,
  integrationId: input.integrationId ?? null,
  conditions: input.conditions,
  destinations: input.destinations,
  quietPeriodMinutes: input.quietPeriodMinutes,
  enabled: input.enabled,
});

export async function createMonitor(db: Db, input: MonitorInput) {
  await assertTarget(db, input);
  const [row] = await db.insert(alertMonitors).values(columns(input)).returning({ id: alertMonitors.id });
  return row!;
}

export async function updateMonitor(db: Db, id: string, input: MonitorInput) {
  await assertTarget(db, input);
  const rows = await db.update(alertMonitors).set(columns(input)).where(eq(alertMonitors.id, id)).returning({ id: alertMonitors.id });
  if (!rows[0]) throw notFound("alert monitor");
  return rows[0];
}

export async function setMonitorEnabled(db: Db, id: string, enabled: boolean) {
  const rows = await db.update(alertMonitors).set({ enabled }).where(eq(alertMonitors.id, id)).returning({ id: alertMonitors.id });
  if (!rows[0]) throw notFound("alert monitor");
  return rows[0];
}

export async function deleteMonitor(db: Db, id: string) {
  const rows = await db.delete(alertMonitors).where(eq(alertMonitors.id, id)).returning({ id: alertMonitors.id });
  if (!rows[0]) throw new ServiceError("NOT_FOUND", "alert monitor not found");
  return { deleted: true };
}

/** The alert feed: newest first (keyset by created_at, id), open only or all; acknowledging. */
import { and, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertEvents, alertMonitors, customers, instances } from "@/db/schema";
import type { DeliveryState } from "@/runtime/alerts/monitor-schema";
import { notFound } from "../errors";

export interface ListAlertEventsInput {
  /** only this customer's (a customer user's feed): events of its instances, without where the
   * organization's deliveries went (webhook URLs can hold secrets) or how they failed */
  customerId?: string;
  open?: boolean;
  monitorId?: string;
  instanceId?: string;
  limit?: number;
  cursor?: { createdAt: string; id: string };
}

export async function listAlertEvents(db: Db, input: ListAlertEventsInput) {
  const limit = Math.min(input.limit ?? 50, 200);
  const where: (SQL | undefined)[] = [
    input.open ? isNull(alertEvents.acknowledgedAt) : undefined,
    input.monitorId ? eq(alertEvents.monitorId, input.monitorId) : undefined,
    input.instanceId ? eq(alertEvents.instanceId, input.instanceId) : undefined,
    input.customerId ? eq(instances.customerId, input.customerId) : undefined,
    input.cursor
      ? or(
          lt(alertEvents.createdAt, new Date(input.cursor.createdAt)),
          and(eq(alertEvents.createdAt, new Date(input.cursor.createdAt)), lt(alertEvents.id, input.cursor.id)),
        )
      : undefined,
  ];
  const rows = await db
    .select({
      id: alertEvents.id,
      monitorId: alertEvents.monitorId,
      monitor: alertMonitors.name,
      instanceId: alertEvents.instanceId,
      instance: instances.name,
      customer: customers.name,
      executionId: alertEvents.executionId,
      condition: alertEvents.condition,
      message: alertEvents.message,
      deliveries: alertEvents.deliveries,
      createdAt: alertEvents.createdAt,
      acknowledgedAt: alertEvents.acknowledgedAt,
      acknowledgedBy: alertEvents.acknowledgedBy,
    })
    .from(alertEvents)
    .innerJoin(alertMonitors, eq(alertMonitors.id, alertEvents.monitorId))
    .leftJoin(instances, eq(instances.id, alertEvents.instanceId))
    .leftJoin(customers, eq(customers.id, instances.customerId))
    .where(and(...where))
    // NULLS LAST: the order of alert_events_created_idx, so pages are read from it
    .orderBy(sql`${alertEvents.createdAt} desc nulls last`, desc(alertEvents.id))
    .limit(limit + 1);
  const deliveries = (r: (typeof rows)[number]) =>
    ((r.deliveries ?? []) as DeliveryState[]).map(
      (d) => (input.customerId ? { kind: d.kind, status: d.status, attempts: d.attempts, at: d.at } : d) as DeliveryState,
    );
  const page = rows.slice(0, limit).map((r) => ({ ...r, deliveries: deliveries(r) }));
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
}

export async function acknowledgeAlertEvent(db: Db, input: { id: string; by: string }) {
  const rows = await db
    .update(alertEvents)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: input.by })
    .where(and(eq(alertEvents.id, input.id), isNull(alertEvents.acknowledgedAt)))
    .returning({ id: alertEvents.id });
  if (!rows[0]) {
    const [exists] = await db.select({ id: alertEvents.id }).from(alertEvents).where(eq(alertEvents.id, input.id));
    if (!exists) throw notFound("alert event");
  }
  return { acknowledged: true };
}

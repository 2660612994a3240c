/**
 * Writes one alert event unless the monitor is in its quiet period for this instance, or already
 * raised one for this execution and condition (unique index). The leader evaluates one run at a
 * time, so the quiet period check and the insert do not race.
 */
import type pg from "pg";
import type { DeliveryState, Destination } from "./monitor-schema";

export interface NewAlertEvent {
  monitorId: string;
  instanceId: string | null;
  executionId: string | null;
  condition: string;
  message: string;
  details: Record<string, unknown>;
  quietPeriodMinutes: number;
  destinations: Destination[];
}

export function initialDeliveries(destinations: Destination[]): DeliveryState[] {
  return destinations.map((d) => ({
    kind: d.kind,
    target: d.kind === "webhook" ? d.url : d.kind === "email" ? d.to : undefined,
    // the feed is the event row itself: delivered as it is written
    status: d.kind === "feed" ? "delivered" : "pending",
    attempts: 0,
  }));
}

/** Returns the new event's id and time, or null when nothing was written. */
export async function recordAlertEvent(pool: pg.Pool, e: NewAlertEvent): Promise<{ id: string; createdAt: Date } | null> {
  const r = await pool.query(
    `insert into alert_events (monitor_id, instance_id, execution_id, condition, message, details, deliveries)
     select $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb
      where not exists (
          select 1 from alert_events
           where monitor_id = $1 and instance_id is not distinct from $2
             and $8::int > 0 and created_at > now() - make_interval(mins => $8::int))
     on conflict do nothing
     returning id, created_at`,
    [e.monitorId, e.instanceId, e.executionId, e.condition, e.message, JSON.stringify(e.details), JSON.stringify(initialDeliveries(e.destinations)), e.quietPeriodMinutes],
  );
  const row = r.rows[0];
  return row ? { id: row.id, createdAt: row.created_at } : null;
}

/**
 * Writes one alert event unless the monitor is in its quiet period for this instance, or already
 * raised one for this execution and condition (unique index), and queues its deliveries in the
 * same transaction: an event is never left with a delivery nobody will make. The leader evaluates
 * one run at a time, so the quiet period check and the insert do not race.
 */
import type PgBoss from "pg-boss";
import type pg from "pg";
import { queueDeliveries, type AlertDeliveryJob } from "./delivery-job";
import type { AlertContext, RaisedEvent } from "./evaluate-execution";
import type { DeliveryState, Destination } from "./monitor-schema";

export interface AlertDeps {
  pool: pg.Pool;
  boss: PgBoss;
}

export interface NewAlertEvent {
  monitorId: string;
  instanceId: string | null;
  executionId: string | null;
  condition: string;
  message: string;
  details: Record<string, unknown>;
  quietPeriodMinutes: number;
  destinations: Destination[];
  /** what the deliveries send, but for the event itself */
  context: Omit<AlertContext, "event">;
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

/** Returns the event raised, or null when nothing was written. */
export async function recordAlertEvent({ pool, boss }: AlertDeps, e: NewAlertEvent): Promise<RaisedEvent | null> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const r = await client.query(
      `insert into alert_events (monitor_id, instance_id, execution_id, condition, message, details, deliveries)
       select $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb
        where not exists (
            select 1 from alert_events
             where monitor_id = $1 and instance_id is not distinct from $2
               and $8::int > 0 and created_at > now() - make_interval(mins => $8::int))
       on conflict do nothing
       returning id, created_at`,
      [
        e.monitorId,
        e.instanceId,
        e.executionId,
        e.condition,
        e.message,
        JSON.stringify(e.details),
        JSON.stringify(initialDeliveries(e.destinations)),
        e.quietPeriodMinutes,
      ],
    );
    const row = r.rows[0];
    if (!row) {
      await client.query("rollback");
      return null;
    }
    const context: AlertContext = {
      event: { id: row.id, condition: e.condition, message: e.message, createdAt: row.created_at.toISOString() },
      ...e.context,
    };
    const jobs: { job: AlertDeliveryJob }[] = [];
    e.destinations.forEach((destination, index) => {
      if (destination.kind !== "feed") jobs.push({ job: { eventId: row.id, index, attempt: 1, destination, context } });
    });
    await queueDeliveries(boss, client, jobs);
    await client.query("commit");
    return { eventId: row.id, destinations: e.destinations, context };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

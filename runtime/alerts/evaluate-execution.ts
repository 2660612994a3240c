/**
 * After a run finishes (or fails with a retry pending): the monitors watching its instance, or
 * its integration, that it trips — one event per execution and monitor, its first matching
 * condition named and all of them in the details. Test runs never alert.
 */
import { executionPageUrl } from "../config/public-url";
import { matchConditions } from "./match-conditions";
import { conditionSchema, destinationSchema, type Destination } from "./monitor-schema";
import { recordAlertEvent, type AlertDeps } from "./record-event";
import { z } from "zod";

export interface RaisedEvent {
  eventId: string;
  destinations: Destination[];
  context: AlertContext;
}

/** What a webhook template may refer to: {{execution.id}}, {{monitor.name}}, {{event.message}}, {{url}}… */
export interface AlertContext {
  event: { id: string; condition: string; message: string; createdAt: string };
  monitor: { id: string; name: string };
  /** where a person looks into it: the run's page, or the instance's when the event is about no run */
  url: string;
  /** `flow` is the flow's key (as in webhook paths), `flowName` its name in the designer */
  execution: {
    id: string;
    url: string;
    status: string;
    flow: string;
    flowName: string;
    error: string | null;
    durationMs: number | null;
    attempt: number;
  } | null;
  flow: { key: string; name: string } | null;
  instance: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  integration: { id: string; name: string } | null;
}

export const monitorRow = z.object({
  id: z.string(),
  name: z.string(),
  conditions: z.array(conditionSchema),
  destinations: z.array(destinationSchema),
  quiet_period_minutes: z.number(),
});

/** Non-test runs of instances that ended since `since`, oldest first. */
export async function runsEndedSince(
  pool: AlertDeps["pool"],
  since: Date,
): Promise<Array<{ id: string; instance_id: string; integration_id: string | null }>> {
  const r = await pool.query(
    `select id, instance_id, integration_id from executions
      where finished_at >= $1 and not is_test and instance_id is not null
      order by finished_at`,
    [since],
  );
  return r.rows;
}

export async function evaluateExecution(deps: AlertDeps, executionId: string): Promise<RaisedEvent[]> {
  const { pool } = deps;
  const r = await pool.query(
    `select e.id, e.status, e.flow_key, e.error, e.duration_ms, e.attempt, e.is_test, e.instance_id, e.integration_id, e.customer_id,
            i.name as instance_name, c.name as customer_name, g.name as integration_name, f.flow_name,
            (select max(case level when 'debug' then 0 when 'info' then 1 when 'warn' then 2 when 'error' then 3 end)
               from execution_logs l where l.execution_id = e.id) as worst
       from executions e
       left join instances i on i.id = e.instance_id
       left join customers c on c.id = e.customer_id
       left join integrations g on g.id = e.integration_id
       left join instance_flows f on f.instance_id = e.instance_id and f.flow_key = e.flow_key
      where e.id = $1`,
    [executionId],
  );
  const e = r.rows[0];
  if (!e || e.is_test || !e.instance_id) return [];
  const monitors = await pool.query(
    `select id, name, conditions, destinations, quiet_period_minutes from alert_monitors
      where enabled and (instance_id = $1 or integration_id = $2)`,
    [e.instance_id, e.integration_id],
  );
  const facts = {
    status: e.status as string,
    attempt: e.attempt as number,
    durationMs: e.duration_ms as number | null,
    worstLogLevel: e.worst === null ? null : (["debug", "info", "warn", "error"][e.worst] ?? null),
  };
  const raised: RaisedEvent[] = [];
  for (const row of monitors.rows) {
    const parsed = monitorRow.safeParse(row);
    if (!parsed.success) continue; // a row written by hand, unreadable: skip it rather than fail every run
    const m = parsed.data;
    const matched = matchConditions(m.conditions, facts);
    if (matched.length === 0) continue;
    const errorMessage = (e.error as { message?: string } | null)?.message ?? null;
    const flowName: string = e.flow_name ?? e.flow_key;
    const message = `${e.instance_name} · ${flowName}: ${matched.map((x) => x.reason).join("; ")}${errorMessage ? ` — ${errorMessage}` : ""}`;
    const event = await recordAlertEvent(deps, {
      monitorId: m.id,
      instanceId: e.instance_id,
      executionId: e.id,
      condition: matched[0]!.kind,
      message,
      details: { conditions: matched, status: e.status, attempt: e.attempt, durationMs: e.duration_ms, error: errorMessage },
      quietPeriodMinutes: m.quiet_period_minutes,
      destinations: m.destinations,
      context: {
        monitor: { id: m.id, name: m.name },
        url: executionPageUrl(e.id),
        execution: {
          id: e.id,
          url: executionPageUrl(e.id),
          status: e.status,
          flow: e.flow_key,
          flowName,
          error: errorMessage,
          durationMs: e.duration_ms,
          attempt: e.attempt,
        },
        flow: { key: e.flow_key, name: flowName },
        instance: { id: e.instance_id, name: e.instance_name },
        customer: e.customer_id ? { id: e.customer_id, name: e.customer_name } : null,
        integration: e.integration_id ? { id: e.integration_id, name: e.integration_name } : null,
      },
    });
    if (event) raised.push(event);
  }
  return raised;
}

/**
 * The conditions about an instance rather than a run: overdue (no run for N minutes; the leader
 * checks every minute) and disabled (checked when an instance changes). Each raises one event
 * per silence or per disabling — not one per check.
 */
import { instancePageUrl } from "../config/public-url";
import type { RaisedEvent } from "./evaluate-execution";
import { destinationSchema } from "./monitor-schema";
import { recordAlertEvent, type AlertDeps } from "./record-event";
import { z } from "zod";

const destinations = z.array(destinationSchema);

interface Candidate {
  monitor_id: string;
  monitor_name: string;
  destinations: unknown;
  quiet_period_minutes: number;
  instance_id: string;
  instance_name: string;
  customer_id: string;
  customer_name: string;
  integration_id: string;
  integration_name: string;
  since: Date;
  minutes?: number;
}

async function raise(
  deps: AlertDeps,
  c: Candidate,
  condition: "overdue" | "instanceDisabled" | "connectionNeedsReauthorization",
  message: string,
): Promise<RaisedEvent | null> {
  const dest = destinations.safeParse(c.destinations);
  if (!dest.success) return null;
  return recordAlertEvent(deps, {
    monitorId: c.monitor_id,
    instanceId: c.instance_id,
    executionId: null,
    condition,
    message,
    details: { since: c.since, minutes: c.minutes },
    quietPeriodMinutes: c.quiet_period_minutes,
    destinations: dest.data,
    context: {
      monitor: { id: c.monitor_id, name: c.monitor_name },
      url: instancePageUrl(c.instance_id),
      execution: null,
      flow: null,
      instance: { id: c.instance_id, name: c.instance_name },
      customer: { id: c.customer_id, name: c.customer_name },
      integration: { id: c.integration_id, name: c.integration_name },
    },
  });
}

const CANDIDATE_COLUMNS = `m.id as monitor_id, m.name as monitor_name, m.destinations, m.quiet_period_minutes,
  i.id as instance_id, i.name as instance_name, i.customer_id, cu.name as customer_name, i.integration_id, g.name as integration_name`;

/** Instances a monitor with an `overdue` condition watches that have had no run for its minutes. */
export async function checkOverdue(deps: AlertDeps): Promise<RaisedEvent[]> {
  const r = await deps.pool.query<Candidate>(
    `with m as (
       select am.*, (c->>'minutes')::int as minutes
         from alert_monitors am, jsonb_array_elements(am.conditions) c
        where am.enabled and c->>'kind' = 'overdue')
     select ${CANDIDATE_COLUMNS}, m.minutes, coalesce(last.at, i.created_at) as since
       from m
       join instances i on (i.id = m.instance_id or i.integration_id = m.integration_id) and i.enabled
       join customers cu on cu.id = i.customer_id
       join integrations g on g.id = i.integration_id
       left join lateral (select queued_at as at from executions e where e.instance_id = i.id order by queued_at desc nulls last limit 1) last on true
      where coalesce(last.at, i.created_at) < now() - make_interval(mins => m.minutes)
        and not exists (select 1 from alert_events a
                         where a.monitor_id = m.id and a.instance_id = i.id and a.condition = 'overdue'
                           and a.created_at > coalesce(last.at, i.created_at))`,
  );
  const raised: RaisedEvent[] = [];
  for (const c of r.rows) {
    const e = await raise(deps, c, "overdue", `${c.instance_name}: no run for ${c.minutes} minutes (last ${c.since.toISOString()})`);
    if (e) raised.push(e);
  }
  return raised;
}

/** When an instance changed: if it is now disabled, the monitors that watch for that. */
export async function checkInstanceDisabled(deps: AlertDeps, instanceId: string): Promise<RaisedEvent[]> {
  if (!/^[0-9a-f-]{36}$/i.test(instanceId)) return [];
  const r = await deps.pool.query<Candidate>(
    `select ${CANDIDATE_COLUMNS}, i.updated_at as since
       from instances i
       join alert_monitors m on (m.instance_id = i.id or m.integration_id = i.integration_id) and m.enabled
                            and m.conditions @> '[{"kind":"instanceDisabled"}]'
       join customers cu on cu.id = i.customer_id
       join integrations g on g.id = i.integration_id
      where i.id = $1 and not i.enabled
        and not exists (select 1 from alert_events a
                         where a.monitor_id = m.id and a.instance_id = i.id and a.condition = 'instanceDisabled'
                           and a.created_at >= i.updated_at)`,
    [instanceId],
  );
  const raised: RaisedEvent[] = [];
  for (const c of r.rows) {
    const e = await raise(deps, c, "instanceDisabled", `${c.instance_name} was disabled`);
    if (e) raised.push(e);
  }
  return raised;
}

/** When an instance changed (or a connection of it was refused a refresh): its connections needing re-authorization, once each. */
export async function checkInstanceConnections(deps: AlertDeps, instanceId: string): Promise<RaisedEvent[]> {
  if (!/^[0-9a-f-]{36}$/i.test(instanceId)) return [];
  const r = await deps.pool.query<Candidate & { config_var_key: string; last_error: string | null }>(
    `select ${CANDIDATE_COLUMNS}, oc.updated_at as since, oc.config_var_key, oc.last_error
       from instances i
       join oauth2_connections oc on oc.instance_id = i.id and oc.status = 'needs_reauthorization'
       join alert_monitors m on (m.instance_id = i.id or m.integration_id = i.integration_id) and m.enabled
                            and m.conditions @> '[{"kind":"connectionNeedsReauthorization"}]'
       join customers cu on cu.id = i.customer_id
       join integrations g on g.id = i.integration_id
      where i.id = $1
        and not exists (select 1 from alert_events a
                         where a.monitor_id = m.id and a.instance_id = i.id and a.condition = 'connectionNeedsReauthorization'
                           and a.created_at >= oc.updated_at)`,
    [instanceId],
  );
  const raised: RaisedEvent[] = [];
  for (const c of r.rows) {
    const reason = c.last_error ? ` (${c.last_error})` : "";
    const e = await raise(
      deps,
      c,
      "connectionNeedsReauthorization",
      `${c.instance_name}: the connection "${c.config_var_key}" needs re-authorization${reason}`,
    );
    if (e) raised.push(e);
  }
  return raised;
}

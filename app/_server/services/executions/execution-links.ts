/**
 * What the execution page shows around a run: whose it is (names), which version it ran, the
 * trigger body's type and size, and the replays made of it (newest first).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notFound } from "../errors";

export async function getExecutionLinks(db: Db, id: string) {
  const r = await db.execute<{
    instance: string | null;
    integration: string | null;
    customer: string | null;
    version: number | null;
    body_size: number | null;
    body_type: string | null;
    pruned: boolean;
  }>(sql`
    select i.name as instance, g.name as integration, c.name as customer, v.version as version,
           octet_length(e.trigger_body) as body_size, e.trigger_payload->>'bodyContentType' as body_type, e.pruned
      from executions e
      left join instances i on i.id = e.instance_id
      left join integrations g on g.id = e.integration_id
      left join customers c on c.id = e.customer_id
      left join integration_versions v on v.id = e.version_id
     where e.id = ${id}::uuid`);
  const row = r.rows[0];
  if (!row) throw notFound("execution");
  const replays = await db.execute<{ id: string; status: string; queued_at: string }>(sql`
    select id, status, queued_at from executions where replay_of = ${id}::uuid order by queued_at desc limit 20`);
  return {
    instance: row.instance,
    integration: row.integration,
    customer: row.customer,
    version: row.version,
    pruned: row.pruned,
    triggerBody: row.body_size === null ? null : { size: Number(row.body_size), contentType: row.body_type ?? "application/octet-stream" },
    replays: replays.rows.map((x) => ({ id: x.id, status: x.status, queuedAt: new Date(x.queued_at).toISOString() })),
  };
}

/** The raw trigger body of a run (binary webhooks), for download. */
export async function getTriggerBody(db: Db, id: string): Promise<{ contentType: string; data: Buffer } | null> {
  const r = await db.execute<{ body: Buffer | null; type: string | null }>(sql`
    select trigger_body as body, trigger_payload->>'bodyContentType' as type from executions where id = ${id}::uuid`);
  const row = r.rows[0];
  if (!row?.body) return null;
  return { contentType: row.type ?? "application/octet-stream", data: row.body };
}

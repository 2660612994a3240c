/** The audit log, newest first, filtered by actor, action (or area) and time, a page at a time. */
import { and, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { describeAction } from "./audit-actions";

export interface AuditFilter {
  /** the actor's e-mail address (a part of it) or user id */
  actor?: string;
  /** an action (`user.invited`) or an area (`user`) */
  action?: string;
  since?: Date;
  until?: Date;
  page?: number;
  pageSize?: number;
}

export async function listAudit(db: Db, filter: AuditFilter = {}) {
  const pageSize = Math.min(filter.pageSize ?? 50, 500);
  const page = Math.max(filter.page ?? 1, 1);
  const where: SQL[] = [];
  const actor = filter.actor?.trim();
  if (actor) where.push(or(eq(auditLog.actorId, actor), ilike(auditLog.actorEmail, `%${actor.replace(/[\\%_]/g, "\\$&")}%`))!);
  const action = filter.action?.trim();
  if (action) where.push(action.includes(".") ? eq(auditLog.action, action) : sql`${auditLog.action} like ${`${action}.%`}`);
  if (filter.since) where.push(gte(auditLog.at, filter.since));
  if (filter.until) where.push(lte(auditLog.at, filter.until));
  // one row more than the page tells whether there is a next page, without counting the whole log
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return {
    page,
    pageSize,
    hasMore: rows.length > pageSize,
    entries: rows.slice(0, pageSize).map((r) => ({ ...r, description: describeAction(r.action) })),
  };
}

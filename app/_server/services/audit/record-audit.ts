/**
 * Records one change in the audit log. Call it with the transaction that makes the change, so
 * the row exists exactly when the change does.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AuditAction } from "./audit-actions";

/** a Db or the transaction a service is in */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** who did it: a principal (session, token) or a user found by the service; null for the system */
export interface AuditActor {
  userId: string;
  /** looked up from the user when a service knows only the id */
  email?: string;
  via?: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  target: { type: string; id?: string | null; name?: string | null };
  /** what changed: names and values a reader needs, never a secret (keys that look like one are dropped) */
  detail?: Record<string, unknown>;
}

// a value under a key named like these is a credential, whatever a caller passes by mistake (tokensRevoked, a count, is not)
const SECRET_KEY = /(pass(word)?|secret|token|credentials?|private.?key|api.?key|authorization|cookie)$/i;

export function scrubDetail(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubDetail);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEY.test(k))
        .map(([k, v]) => [k, scrubDetail(v)]),
    );
  }
  return value;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    // null when the user is gone (or never was: a test's made-up principal), rather than failing the change
    actorId: entry.actor ? sql`(select id from users where id = ${entry.actor.userId})` : null,
    actorEmail: entry.actor ? (entry.actor.email ?? sql`(select email from users where id = ${entry.actor.userId})`) : null,
    via: entry.actor?.via ?? null,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id ?? null,
    targetName: entry.target.name ?? null,
    detail: entry.detail ? (scrubDetail(entry.detail) as Record<string, unknown>) : null,
  });
}

/** the actor of a request: its signed-in user and how it called */
export const actorOf = (p: { userId: string; email: string; name: string; via: string }) => ({
  userId: p.userId,
  email: p.email,
  name: p.name,
  via: p.via,
});

/**
 * Runs a change and records it in one transaction: for services that write a single statement
 * and take a Db (the transaction is handed to them as one; their own transactions become
 * savepoints). `entry` describes the change from its result; null records nothing.
 */
export async function withAudit<T>(db: Db, work: (tx: Db) => Promise<T>, entry: (result: T) => AuditEntry | null): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await work(tx as unknown as Db);
    const e = entry(result);
    if (e) await recordAudit(tx, e);
    return result;
  });
}

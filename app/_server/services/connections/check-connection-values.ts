/**
 * An oauth2 config value names a connection by id: an instance may only name a connected
 * connection made for its own customer, integration and variable (a customer must never borrow
 * another's tokens by guessing an id); the designer's test config only its own test connections.
 */
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauth2Connections } from "@/db/schema";
import { configVarsOf } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition/schema";
import { ServiceError } from "../errors";

export interface ConnectionOwner {
  integrationId: string;
  /** null: the designer's test connections */
  customerId: string | null;
}

const idOf = (v: unknown) =>
  v !== null && typeof v === "object" && typeof (v as { connectionId?: unknown }).connectionId === "string"
    ? (v as { connectionId: string }).connectionId
    : undefined;

/** The given values' connections, by variable key; refuses any that is not the owner's and connected. */
export async function checkConnectionValues(
  db: Db,
  definition: Definition,
  owner: ConnectionOwner,
  values: Record<string, unknown>,
): Promise<Map<string, string>> {
  const wanted = new Map<string, string>();
  for (const v of configVarsOf(definition.configPages)) {
    if (v.type !== "credential" || v.credentialType !== "oauth2") continue;
    const id = idOf(values[v.key]);
    if (id) wanted.set(v.key, id);
  }
  if (wanted.size === 0) return wanted;
  const ids = [...wanted.values()].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const rows = ids.length ? await db.select().from(oauth2Connections).where(inArray(oauth2Connections.id, ids)) : [];
  const problems: { path: string; message: string }[] = [];
  for (const [key, id] of wanted) {
    const row = rows.find((r) => r.id === id);
    const owned = row && row.integrationId === owner.integrationId && row.customerId === owner.customerId && row.configVarKey === key;
    if (!owned) problems.push({ path: key, message: "this connection was not made here: press Connect" });
    else if (row.status !== "connected")
      problems.push({ path: key, message: `the connection is ${row.status.replace("_", " ")}: press Connect` });
  }
  if (problems.length)
    throw new ServiceError(
      "BAD_REQUEST",
      `config values are not valid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
      problems,
    );
  return wanted;
}

/** After the instance is written: its connections know it (for their status on its page and its alert). */
export async function bindConnections(db: Db, instanceId: string, connections: Map<string, string>): Promise<void> {
  if (connections.size === 0) return;
  await db
    .update(oauth2Connections)
    .set({ instanceId, updatedAt: sql`now()` })
    .where(inArray(oauth2Connections.id, [...connections.values()]));
}

import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauth2Connections } from "@/db/schema";
import { configVarsOf } from "@/runtime/config/config-values";
import type { Definition } from "@/runtime/definition/schema";
import { decryptJson } from "@/runtime/security/secret-box";
import { connectionView } from "./reachable-connection";

/** The connections an instance's oauth2 variables use, as anyone may see them (status, never tokens). */
export async function instanceConnections(db: Db, definition: Definition, sealedCredentials: string | null) {
  const keys = configVarsOf(definition.configPages)
    .filter((v) => v.type === "credential" && v.credentialType === "oauth2")
    .map((v) => v.key);
  if (keys.length === 0 || !sealedCredentials) return [];
  const values = decryptJson<Record<string, { connectionId?: string } | undefined>>(sealedCredentials);
  const ids = keys.flatMap((k) => (typeof values[k]?.connectionId === "string" ? [values[k]!.connectionId!] : []));
  if (ids.length === 0) return [];
  const rows = await db.select().from(oauth2Connections).where(inArray(oauth2Connections.id, ids));
  return rows.map(connectionView);
}

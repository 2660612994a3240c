import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instances, integrationVersions } from "@/db/schema";
import type { Definition } from "@/runtime/definition";
import type { EndpointSecrets } from "@/runtime/ingest/endpoint-security";
import { encryptJson } from "@/runtime/security/secret-box";
import { notFound } from "../errors";
import { notifyInstanceChanged } from "./write-instance";

/** Does any flow ask callers for more than the URL? */
export const needsEndpointSecrets = (d: Definition) =>
  d.flows.some((f) => f.execution?.endpointSecurity === "apiKey" || f.execution?.endpointSecurity === "hmac");

/** A new API key and HMAC secret, shown to the caller once and stored sealed. */
export function newEndpointSecrets(): { plain: EndpointSecrets; sealed: string } {
  const plain = { apiKey: `jwk_${randomBytes(24).toString("base64url")}`, hmacSecret: randomBytes(32).toString("base64url") };
  return { plain, sealed: encryptJson(plain) };
}

/** Replaces an instance's webhook API key and HMAC secret; the old ones stop working at once. */
export async function rotateEndpointSecrets(db: Db, id: string) {
  const [row] = await db
    .select({ id: instances.id, definition: integrationVersions.definition })
    .from(instances)
    .innerJoin(integrationVersions, eq(integrationVersions.id, instances.versionId))
    .where(eq(instances.id, id));
  if (!row) throw notFound("instance");
  const secrets = newEndpointSecrets();
  await db.update(instances).set({ endpointSecrets: secrets.sealed, updatedAt: new Date() }).where(eq(instances.id, id));
  await notifyInstanceChanged(db, id);
  return secrets.plain;
}

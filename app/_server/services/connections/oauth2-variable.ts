import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { configVarsOf } from "@/runtime/config/config-values";
import type { ConfigVar, Definition, OAuth2Settings } from "@/runtime/definition/schema";
import { notFound, ServiceError } from "../errors";
import { getVersion } from "../integrations/get-integration";

/** An oauth2 variable of a definition, with its provider, or a clear refusal. */
export function oauth2VariableOf(
  definition: Definition,
  key: string,
): Extract<ConfigVar, { type: "credential" }> & { oauth2: OAuth2Settings } {
  const v = configVarsOf(definition.configPages).find((c) => c.key === key);
  if (!v || v.type !== "credential" || v.credentialType !== "oauth2" || !v.oauth2)
    throw new ServiceError("BAD_REQUEST", `configVarKey: "${key}" is not an OAuth 2.0 (authorization code) variable of this integration`);
  return v as ReturnType<typeof oauth2VariableOf>;
}

/** The definition a connection is made for: the draft (designer test connections) or the latest published version. */
export async function definitionFor(db: Db, integrationId: string, test: boolean): Promise<Definition> {
  if (!test) return (await getVersion(db, integrationId)).definition as Definition;
  const [row] = await db.select({ draft: integrations.draft }).from(integrations).where(eq(integrations.id, integrationId));
  if (!row) throw notFound("integration");
  return row.draft as Definition;
}

/**
 * Settings → Component registry: the npm registry URL and token the organization installs from,
 * overriding JUNCTION_NPM_REGISTRY / JUNCTION_NPM_TOKEN. The token is sealed at rest (secret-box)
 * and never leaves the server: callers only learn whether one is set.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { orgSettings } from "@/db/schema";
import { normalizeRegistryUrl, registryFromEnv, type NpmRegistryConfig } from "@/components-registry/npm/registry-config";
import { RegistryError } from "@/components-registry/packages/registry-error";
import { decryptSecret, encryptSecret } from "@/runtime/security/secret-box";
import { ServiceError } from "../errors";

const KEY = "componentRegistry";

interface Stored {
  url?: string;
  /** sealed */
  token?: string;
}

export interface RegistrySettingsView {
  /** the URL installs use now */
  url: string;
  /** where that URL comes from */
  urlFrom: "settings" | "environment";
  /** the organization's own URL, when set */
  settingsUrl: string | null;
  hasToken: boolean;
  tokenFrom: "settings" | "environment" | null;
}

export const registrySettingsUpdateSchema = z.strictObject({
  /** null or "": use JUNCTION_NPM_REGISTRY again */
  url: z.string().trim().max(2000).nullable().optional(),
  /** null or "": remove the organization's token; omitted: keep it */
  token: z.string().max(4000).nullable().optional(),
});

async function stored(db: Db): Promise<Stored> {
  const [row] = await db.select({ value: orgSettings.value }).from(orgSettings).where(eq(orgSettings.key, KEY));
  return (row?.value ?? {}) as Stored;
}

/** what the registry client connects with (the token unsealed, for the server only) */
export async function registryConfig(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<NpmRegistryConfig> {
  const base = registryFromEnv(env);
  const s = await stored(db);
  return {
    ...base,
    url: s.url ?? base.url,
    // a URL of the organization's own never gets the environment's token: that one belongs to another registry
    token: s.token ? decryptSecret(s.token) : s.url ? undefined : base.token,
  };
}

export async function getRegistrySettings(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<RegistrySettingsView> {
  const base = registryFromEnv(env);
  const s = await stored(db);
  const tokenFrom = s.token ? "settings" : !s.url && base.token ? "environment" : null;
  return {
    url: s.url ?? base.url,
    urlFrom: s.url ? "settings" : "environment",
    settingsUrl: s.url ?? null,
    hasToken: tokenFrom !== null,
    tokenFrom,
  };
}

export async function updateRegistrySettings(db: Db, input: unknown, userId: string): Promise<RegistrySettingsView> {
  const parsed = registrySettingsUpdateSchema.safeParse(input);
  if (!parsed.success)
    throw new ServiceError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const next = { ...(await stored(db)) };
  const { url, token } = parsed.data;
  if (url !== undefined) {
    if (!url) delete next.url;
    else
      try {
        next.url = normalizeRegistryUrl(url, "url");
      } catch (err) {
        throw new ServiceError("BAD_REQUEST", err instanceof RegistryError ? err.message : "url: not a URL");
      }
  }
  if (token !== undefined) {
    if (!token) delete next.token;
    else next.token = encryptSecret(token.trim());
  }
  await db
    .insert(orgSettings)
    .values({ key: KEY, value: next, updatedBy: userId })
    .onConflictDoUpdate({ target: orgSettings.key, set: { value: next, updatedBy: userId, updatedAt: sql`now()` } });
  return getRegistrySettings(db);
}
